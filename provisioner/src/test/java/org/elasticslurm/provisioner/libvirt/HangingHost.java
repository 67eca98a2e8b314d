package org.elasticslurm.provisioner.libvirt;

import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host that stops answering: every call but {@code uri()} blocks until {@link #answerAgain()}, deaf to interrupts
 * like a libvirt call blocked in native code.
 */
final class HangingHost {
    private final CountDownLatch answer = new CountDownLatch(1);
    private final AtomicInteger calls = new AtomicInteger();
    private final Hypervisor host;

    HangingHost(String uri) {
        host = (Hypervisor) Proxy.newProxyInstance(Hypervisor.class.getClassLoader(), new Class<?>[] {Hypervisor.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("uri")) {
                        return uri;
                    }
                    calls.incrementAndGet();
                    Uninterruptibly.await(answer);
                    return switch (method.getName()) {
                        case "domains" -> java.util.List.of();
                        case "domain" -> java.util.Optional.empty();
                        case "reachable" -> true;
                        default -> null;
                    };
                });
    }

    Hypervisor host() {
        return host;
    }

    /** How many calls reached the host. */
    int calls() {
        return calls.get();
    }

    /** Lets every blocked and later call return. */
    void answerAgain() {
        answer.countDown();
    }
}
