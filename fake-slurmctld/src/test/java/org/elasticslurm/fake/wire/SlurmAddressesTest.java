package org.elasticslurm.fake.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.elasticslurm.conf.SlurmConf;
import org.elasticslurm.conf.SlurmConfParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlurmAddressesTest {

    /** TEST-NET-1 (RFC 5737): never an address of this machine. */
    private static final String ELSEWHERE = "192.0.2.1";

    private static SlurmConf conf(String controller) {
        return new SlurmConfParser().parse(String.join("\n",
                "SlurmctldHost=" + controller,
                "SlurmctldPort=16817",
                "NodeName=test1 State=CLOUD CPUs=1 Port=16818",
                "PartitionName=debug Nodes=test1 Default=YES State=UP", ""), Path.of("/etc/slurm/slurm.conf"));
    }

    @Test
    void theControllerListensOnALoopbackAddress() {
        SlurmAddresses.Controller c = SlurmAddresses.controllerHere(conf("ctl(127.0.0.5)"));

        assertThat(c.hostName()).isEqualTo("ctl");
        assertThat(c.address().getAddress().getHostAddress()).isEqualTo("127.0.0.5");
        assertThat(c.address().getPort()).isEqualTo(16817);
    }

    @Test
    void theControllerRefusesAnAddressThatIsNeitherLoopbackNorOnThisMachineNamingTheRule() {
        assertThatThrownBy(() -> SlurmAddresses.controllerHere(conf("ctl(" + ELSEWHERE + ")")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/etc/slurm/slurm.conf: SlurmctldHost ctl is at " + ELSEWHERE)
                .hasMessageContaining("neither a loopback address nor an address of this machine's interfaces");
    }

    @Test
    void commandsAndSlurmdsReachAControllerOnAnotherMachine() {
        SlurmAddresses.Controller c = SlurmAddresses.controller(conf("ctl(" + ELSEWHERE + ")"));

        assertThat(c.address()).isEqualTo(new InetSocketAddress(ELSEWHERE, 16817));
    }

    @Test
    void slurmdBindsLoopbackWhenTheControllerIsOnLoopbackElseEveryAddress() {
        SlurmConf local = conf("ctl(127.0.0.1)");
        SlurmConf remote = conf("ctl(" + ELSEWHERE + ")");

        InetSocketAddress onLoopback = SlurmAddresses.slurmdListen(local, local.node("test1").orElseThrow(),
                SlurmAddresses.controller(local));
        InetSocketAddress onAll = SlurmAddresses.slurmdListen(remote, remote.node("test1").orElseThrow(),
                SlurmAddresses.controller(remote));

        assertThat(onLoopback).isEqualTo(new InetSocketAddress("127.0.0.1", 16818));
        assertThat(onAll.getAddress().isAnyLocalAddress()).isTrue();
        assertThat(onAll.getPort()).isEqualTo(16818);
    }

    @ParameterizedTest(name = "NodeAddr={0} -> {1}")
    @CsvSource({
            "10.77.0.12, 10.77.0.12",
            "192.168.122.5, 192.168.122.5",
            "fd00::5, fd00:0:0:0:0:0:0:5",
            "test1, 127.0.0.1",
            "127.0.0.1, 127.0.0.1",
            "127.0.0.7, 127.0.0.1",
            "0.0.0.0, 127.0.0.1",
            "::1, 127.0.0.1",
            "10.77.0, 127.0.0.1",
            "10.77.0.256, 127.0.0.1",
            "10.77.0.12.5, 127.0.0.1",
            "test1.example.org, 127.0.0.1"})
    void aControllerOffLoopbackReachesASlurmdAtItsNodeAddrWhenThatIsANonLoopbackIpAddress(String nodeAddr,
                                                                                            String expected) {
        SlurmAddresses.Controller remote = SlurmAddresses.controller(conf("ctl(" + ELSEWHERE + ")"));

        InetSocketAddress target = SlurmAddresses.slurmdTarget(remote, nodeAddr, 6818);

        assertThat(target.getAddress().getHostAddress()).isEqualTo(expected);
        assertThat(target.getPort()).isEqualTo(6818);
    }

    @ParameterizedTest(name = "NodeAddr={0}")
    @CsvSource({"10.77.0.12", "test1", "127.0.0.7"})
    void aControllerOnLoopbackReachesEverySlurmdOn127001WhateverNodeAddrSays(String nodeAddr) {
        SlurmAddresses.Controller local = SlurmAddresses.controller(conf("ctl(127.0.0.1)"));

        InetSocketAddress target = SlurmAddresses.slurmdTarget(local, nodeAddr, 6818);

        assertThat(target).isEqualTo(new InetSocketAddress("127.0.0.1", 6818));
    }
}
