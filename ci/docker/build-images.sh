#!/usr/bin/env bash
# Builds (once) the local Docker images with real Slurm daemons, one per Slurm version, without any registry:
# the Debian root of ci/slurm-root.sh is imported as an image (`docker import`).
#   ci/docker/build-images.sh                 # 22.05 24.11 26.05
#   ci/docker/build-images.sh 24.11           # one version
# Image: elastic-slurm/slurm:<version>, labelled with the root's recipe hash; an image whose label matches the
# recipe is kept (0.1 s), any other is replaced. The container's start script (ci/docker/slurm/entrypoint.sh) is
# copied in when a container is created (scenarios' SlurmContainer), so changing it needs no new image.
set -euo pipefail
cd "$(dirname "$0")/../.."

docker=/usr/bin/docker
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(22.05 24.11 26.05)

for v in "${versions[@]}"; do
  case "$v" in
    22.05) suite=bookworm ;;
    24.11) suite=trixie ;;
    26.05) suite=forky ;;
    *) echo "build-images: unknown Slurm version '$v' (known: 22.05 24.11 26.05)" >&2; exit 64 ;;
  esac
  root=$(bash ci/slurm-root.sh "$suite")
  recipe=$(basename "$root")
  image=elastic-slurm/slurm:$v
  have=$("$docker" image inspect --format '{{ index .Config.Labels "org.elasticslurm.recipe" }}' "$image" 2>/dev/null || true)
  if [ "$have" != "$recipe" ]; then
    tar --one-file-system --numeric-owner -C "$root" -c . \
      | "$docker" import --change "LABEL org.elasticslurm.recipe=$recipe" \
          --change "LABEL org.elasticslurm.slurm-version=$v" - "$image" >/dev/null
  fi
  echo "build-images: $image ($("$docker" run --rm --network none "$image" /usr/sbin/slurmctld -V)) from $recipe"
done
