package org.elasticslurm.provisioner.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExecutorTaskSchedulerTest {

    @Test
    void aTaskThatThrowsDoesNotKillItsWorker() throws Exception {
        try (ExecutorTaskScheduler scheduler = new ExecutorTaskScheduler(1)) {
            CompletableFuture<String> first = new CompletableFuture<>();
            CompletableFuture<String> second = new CompletableFuture<>();
            scheduler.execute(() -> {
                first.complete(Thread.currentThread().getName());
                throw new java.io.UncheckedIOException(new java.io.IOException("No space left on device"));
            });
            scheduler.execute(() -> second.complete(Thread.currentThread().getName()));

            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(first.get(10, TimeUnit.SECONDS))
                    .isEqualTo("provisioner-worker-1");
        }
    }
}
