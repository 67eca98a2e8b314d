package org.elasticslurm.provisioner.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.elasticslurm.provisioner.config.ProvisionerConfig;
import org.junit.jupiter.api.Test;

/** The configuration template of the release names every key of {@link ProvisionerConfig}, commented out. */
class ConfigTemplateTest {
    private static final Path TEMPLATE = Path.of("src/dist/etc/provisioner.properties");

    @Test
    void everyKeyOfTheConfigurationIsInTheTemplateCommentedOut() throws IOException {
        List<String> keys = new ArrayList<>();
        collect(ProvisionerConfig.class, "provisioner.", keys);
        List<String> lines = Files.readAllLines(TEMPLATE);

        assertThat(keys).hasSizeGreaterThan(60);
        List<String> missing = keys.stream().filter(k -> {
            Pattern p = Pattern.compile("#" + Pattern.quote(k).replace("<name>", "\\E[^.=]+\\Q")
                    .replace("<map>", "\\E.+\\Q") + "=.*");
            return lines.stream().noneMatch(l -> p.matcher(l).matches());
        }).toList();
        assertThat(missing).as("keys not in " + TEMPLATE + " as #key=...").isEmpty();
    }

    @Test
    void theTemplateSetsNothing() throws IOException {
        assertThat(Files.readAllLines(TEMPLATE)).allMatch(l -> l.isBlank() || l.startsWith("#"));
    }

    private static void collect(Class<?> group, String prefix, List<String> keys) {
        for (Method m : group.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.isDefault() || m.getParameterCount() > 0) {
                continue;
            }
            String name = m.isAnnotationPresent(WithName.class) ? m.getAnnotation(WithName.class).value()
                    : kebab(m.getName());
            String key = m.isAnnotationPresent(WithParentName.class) ? prefix : prefix + name;
            Type type = m.getGenericReturnType();
            if (m.getReturnType() == java.util.Map.class) {
                Type value = ((ParameterizedType) type).getActualTypeArguments()[1];
                if (value instanceof Class<?> c && isGroup(c)) {
                    collect(c, key + ".<name>.", keys);
                } else {
                    keys.add(key + ".<map>");
                }
            } else if (isGroup(m.getReturnType())) {
                collect(m.getReturnType(), m.isAnnotationPresent(WithParentName.class) ? prefix : key + ".", keys);
            } else {
                keys.add(key);
            }
        }
    }

    private static boolean isGroup(Class<?> c) {
        return c.isInterface() && c.getName().startsWith("org.elasticslurm.");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
