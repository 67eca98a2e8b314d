package org.elasticslurm.provisioner.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import java.util.Map;

/**
 * Maps {@code provisioner.tls.certificate} / {@code provisioner.tls.key} onto Quarkus' HTTPS configuration
 * ({@code quarkus.http.ssl.certificate.files} / {@code key-files}) and, when a certificate is configured, turns
 * plain HTTP off ({@code quarkus.http.insecure-requests=disabled}) unless the admin set that key. Keys of
 * Quarkus set explicitly win.
 */
public final class TlsConfigInterceptor implements ConfigSourceInterceptor {
    private static final Map<String, String> MAPPED = Map.of(
            "quarkus.http.ssl.certificate.files", TlsFiles.CERTIFICATE,
            "quarkus.http.ssl.certificate.key-files", TlsFiles.KEY_FILE);
    private static final String INSECURE = "quarkus.http.insecure-requests";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue own = context.proceed(name);
        String source = MAPPED.get(name);
        if (source != null && isUnset(own)) {
            ConfigValue v = context.proceed(source);
            return isUnset(v) ? own : v.withName(name);
        }
        if (name.equals(INSECURE) && isUnset(own)) {
            ConfigValue cert = context.proceed(TlsFiles.CERTIFICATE);
            if (!isUnset(cert)) {
                return ConfigValue.builder().withName(name).withValue("disabled")
                        .withConfigSourceName("provisioner.tls (HTTPS only)").build();
            }
        }
        return own;
    }

    private static boolean isUnset(ConfigValue v) {
        return v == null || v.getValue() == null || v.getValue().isBlank();
    }
}
