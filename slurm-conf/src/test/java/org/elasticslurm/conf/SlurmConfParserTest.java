package org.elasticslurm.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * slurm.conf parsing; expected values come from slurmctld 22.05's read_config.c/power_save.c and
 * shared/slurm-power-save.md.
 */
class SlurmConfParserTest {

    private static final Path FILE = Path.of("/etc/slurm-test/slurm.conf");
    private static final String HEAD = "ClusterName=lab\nSlurmctldHost=ctl(127.0.0.1)\n";

    private static SlurmConf parse(String text) {
        return new SlurmConfParser().parse(text, FILE);
    }

    private static SlurmConfException failure(String text) {
        return catchThrowableOfType(SlurmConfException.class, () -> parse(text));
    }

    @Nested
    class Syntax {

        @Test
        void keysMatchWithoutRegardToCase() {
            SlurmConf conf = parse("suspendtime=15\nRESUMEPROGRAM=/x/resume\nsLuRmCtLdPoRt=16817\n");
            assertThat(conf.powerSave().suspendTime()).isEqualTo(TimeoutValue.of(Duration.ofSeconds(15)));
            assertThat(conf.powerSave().resumeProgram()).contains("/x/resume");
            assertThat(conf.parameter("SlurmctldPort")).contains("16817");
            assertThat(conf.warnings()).isEmpty();
        }

        @Test
        void quotedValueMayHoldSpaces() {
            assertThat(parse("SlurmctldLogFile=\"/var/log/my logs/ctl.log\"\n").parameter("SlurmctldLogFile"))
                    .contains("/var/log/my logs/ctl.log");
        }

        @Test
        void spaceAfterTheEqualsSignIsSkipped() {
            assertThat(parse("SlurmdDebug= info\n").parameter("slurmddebug")).contains("info");
        }

        @Test
        void commentsAndBlankLinesAreSkipped() {
            SlurmConf conf = parse("# a comment\n\n   \nSlurmUser=slurm # trailing\n\t# indented comment\n");
            assertThat(conf.parameter("SlurmUser")).contains("slurm");
            assertThat(conf.warnings()).isEmpty();
        }

        @Test
        void dollarVariablesAreKeptLiterally() {
            SlurmConf conf = parse("StateSaveLocation=$LAB/state\nSlurmctldHost=$HOST(127.0.0.1)\n");
            assertThat(conf.parameter("StateSaveLocation")).contains("$LAB/state");
            assertThat(conf.parameter("SlurmctldHost")).contains("$HOST(127.0.0.1)");
        }

        @Test
        void unknownKeyIsAnErrorWithTheDaemonsMessageAndItsLine() {
            SlurmConfException e = failure(HEAD + "FooBar=1\n");
            assertThat(e.location()).isEqualTo(new SourceLocation(FILE, 3));
            assertThat(e.rule()).startsWith("Parsing error at unrecognized key: FooBar");
            assertThat(e.offendingText()).isEqualTo("FooBar=1");
        }

        @Test
        void ordinaryKeysOf2205GiveNoWarning() {
            SlurmConf conf = parse(HEAD + """
                    ProctrackType=proctrack/linuxproc
                    SelectType=select/cons_tres
                    SelectTypeParameters=CR_Core
                    MpiDefault=none
                    TaskPlugin=task/none
                    SchedulerType=sched/backfill
                    AuthType=auth/munge
                    SlurmdSpoolDir=/var/spool/slurmd
                    JobCompType=jobcomp/none
                    X11Parameters=home_xauthority
                    SlurmdPidFile=/run/slurmd.pid
                    PartitionName=p
                    """);
            assertThat(conf.warnings()).isEmpty();
        }

        @Test
        void repeatedKeyWarnsAndTheLastValueWins() {
            SlurmConf conf = parse("SuspendTime=10\nSuspendTime=20\n");
            assertThat(conf.powerSave().suspendTime()).isEqualTo(TimeoutValue.of(Duration.ofSeconds(20)));
            assertThat(conf.warnings()).extracting(ConfWarning::message)
                    .contains("SuspendTime 1 specified more than once, latest value used");
        }

        @Test
        void errorNamesFileLineRuleAndText() {
            SlurmConfException e = failure(HEAD + "SuspendTimeout=abc\n");
            assertThat(e.location()).isEqualTo(new SourceLocation(FILE, 3));
            assertThat(e.offendingText()).isEqualTo("SuspendTimeout=abc");
            assertThat(e.rule()).isEqualTo("SuspendTimeout value \"abc\" is not a valid number");
            assertThat(e).hasMessage(FILE + ":3: SuspendTimeout value \"abc\" is not a valid number: SuspendTimeout=abc");
        }

        @Test
        void lineWithoutEqualsSignIsAnError() {
            SlurmConfException e = failure(HEAD + "just some words\n");
            assertThat(e.location().line()).isEqualTo(3);
            assertThat(e.offendingText()).isEqualTo("just some words");
            assertThat(e.rule()).contains("Parse error");
        }

        @Test
        void emptyValueIsAnError() {
            assertThat(failure("SlurmdDebug=\n").offendingText()).isEqualTo("SlurmdDebug=");
        }

        @Test
        void secondPairOnAPlainLineIsAnError() {
            SlurmConfException e = failure("SuspendTime=10 ResumeTimeout=5\n");
            assertThat(e.offendingText()).isEqualTo("ResumeTimeout=5");
            assertThat(e.rule()).contains("Parse error");
        }

        @Test
        void continuedLineErrorPointsAtItsFirstLine() {
            SlurmConfException e = failure("SlurmUser=root\nSuspendTimeout=\\\nabc\n");
            assertThat(e.location().line()).isEqualTo(2);
            assertThat(e.offendingText()).isEqualTo("SuspendTimeout=abc");
        }

        @Test
        void negativeRateIsAnError() {
            assertThat(failure("ResumeRate=-1\n").rule()).isEqualTo("ResumeRate value (-1) is less than zero");
        }

        @Test
        void rateAbove65535IsAnError() {
            assertThat(failure("SuspendRate=70000\n").rule())
                    .isEqualTo("SuspendRate value (70000) is greater than 65535");
        }

        @Test
        void numbersAreReadAsStrtoulReadsThem() {
            SlurmConf conf = parse("SuspendRate=0x10\nResumeRate=010\nResumeTimeout=UNLIMITED\n");
            assertThat(conf.powerSave().suspendRate()).isEqualTo(16);
            assertThat(conf.powerSave().resumeRate()).isEqualTo(8);
            assertThat(conf.powerSave().resumeTimeout()).isEqualTo(Duration.ofSeconds(65535));
        }

        @Test
        void badBooleanIsAnError() {
            assertThat(failure("UsePAM=maybe\n").rule()).isEqualTo("\"maybe\" is not a valid option for \"UsePAM\"");
        }

        @Test
        void slurmctldHostWithUnbalancedParenthesesIsAnError() {
            assertThat(failure("SlurmctldHost=ctl(127.0.0.1\n").rule()).contains("Bad value \"ctl(127.0.0.1\" for SlurmctldHost");
        }

        @Test
        void firstSlurmctldHostIsThePrimary() {
            assertThat(parse("SlurmctldHost=a\nSlurmctldHost=b\n").parameter("SlurmctldHost")).contains("a");
        }

        @Test
        void frontendNameIsAnError() {
            assertThat(failure("FrontendName=fe1\n").rule()).contains("--enable-front-end");
        }
    }

    @Nested
    class PowerSaveKeys {

        @Test
        void defaultsAreThoseOfSlurmctld2205() {
            PowerSaveSettings ps = parse(HEAD).powerSave();
            assertThat(ps.suspendProgram()).isEmpty();
            assertThat(ps.resumeProgram()).isEmpty();
            assertThat(ps.resumeFailProgram()).isEmpty();
            assertThat(ps.suspendTime().isInfinite()).isTrue();
            assertThat(ps.suspendTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(ps.resumeTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(ps.suspendRate()).isEqualTo(60);
            assertThat(ps.resumeRate()).isEqualTo(300);
            assertThat(ps.batchStartTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(ps.treeWidth()).isEqualTo(50);
            assertThat(ps.returnToService()).isZero();
            assertThat(ps.privateDataCloud()).isFalse();
            assertThat(ps.debugFlagsPower()).isFalse();
            assertThat(ps.suspendExcNodes()).isEmpty();
            assertThat(ps.suspendExcParts()).isEmpty();
            assertThat(ps.slurmctldParameters()).isEqualTo(SlurmctldParameters.defaults());
            assertThat(ps.slurmctldParameters().powerSaveInterval()).isEqualTo(Duration.ofSeconds(10));
            assertThat(ps.slurmctldParameters().powerSaveMinInterval()).isEqualTo(Duration.ZERO);
        }

        @ParameterizedTest
        @ValueSource(strings = {"NONE", "none", "INFINITE", "Infinite", "-1"})
        void suspendTimeWordsMeanInfinite(String value) {
            assertThat(parse("SuspendTime=" + value + "\n").powerSave().suspendTime().isInfinite()).isTrue();
        }

        @Test
        void suspendTimeInfinitePrintsAsScontrolShowsIt() {
            assertThat(parse("SuspendTime=INFINITE\n").powerSave().suspendTime()).hasToString("INFINITE");
            assertThat(parse("SuspendTime=15\n").powerSave().suspendTime()).hasToString("15 sec");
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "-5", "15m", "1.5"})
        void suspendTimeMustBeSecondsOrAWord(String value) {
            SlurmConfException e = failure("SuspendTime=" + value + "\n");
            assertThat(e.offendingText()).isEqualTo("SuspendTime=" + value);
        }

        @Test
        void everyPowerSaveKeyIsRead() {
            PowerSaveSettings ps = parse("""
                    SuspendProgram=/opt/hooks/suspend
                    ResumeProgram=/opt/hooks/resume
                    ResumeFailProgram=/opt/hooks/resumefail
                    SuspendTime=600
                    SuspendTimeout=45
                    ResumeTimeout=900
                    SuspendRate=0
                    ResumeRate=20
                    BatchStartTimeout=120
                    TreeWidth=300
                    ReturnToService=2
                    PrivateData=jobs,cloud
                    DebugFlags=Backfill,Power
                    """).powerSave();
            assertThat(ps.suspendProgram()).contains("/opt/hooks/suspend");
            assertThat(ps.resumeProgram()).contains("/opt/hooks/resume");
            assertThat(ps.resumeFailProgram()).contains("/opt/hooks/resumefail");
            assertThat(ps.suspendTime()).isEqualTo(TimeoutValue.of(Duration.ofSeconds(600)));
            assertThat(ps.suspendTimeout()).isEqualTo(Duration.ofSeconds(45));
            assertThat(ps.resumeTimeout()).isEqualTo(Duration.ofSeconds(900));
            assertThat(ps.suspendRate()).isZero();
            assertThat(ps.resumeRate()).isEqualTo(20);
            assertThat(ps.batchStartTimeout()).isEqualTo(Duration.ofSeconds(120));
            assertThat(ps.treeWidth()).isEqualTo(300);
            assertThat(ps.returnToService()).isEqualTo(2);
            assertThat(ps.privateDataCloud()).isTrue();
            assertThat(ps.debugFlagsPower()).isTrue();
        }

        @Test
        void privateDataAllIncludesCloud() {
            assertThat(parse("PrivateData=all\n").powerSave().privateDataCloud()).isTrue();
        }

        @Test
        void debugFlagPowerSaveIsTheSameFlag() {
            assertThat(parse("DebugFlags=powersave\n").powerSave().debugFlagsPower()).isTrue();
        }

        @Test
        void unknownDebugFlagIsAnError() {
            assertThat(failure("DebugFlags=Power,Bogus\n").rule()).contains("DebugFlags invalid", "Bogus");
        }

        @Test
        void treeWidthZeroWarnsAndUsesTheDefault() {
            SlurmConf conf = parse("TreeWidth=0\n");
            assertThat(conf.powerSave().treeWidth()).isEqualTo(50);
            assertThat(conf.warnings()).extracting(ConfWarning::message).contains("TreeWidth=0 is invalid");
        }

        @Test
        void slurmctldParametersOptionsMatchWithoutRegardToCase() {
            SlurmctldParameters p = parse("SlurmctldParameters=IDLE_ON_NODE_SUSPEND,Power_Save_Interval=30,"
                    + "power_save_min_interval=5,Cloud_Reg_Addrs,cloud_dns,node_reg_mem_percent=87.5,"
                    + "enable_configless\n").powerSave().slurmctldParameters();
            assertThat(p.idleOnNodeSuspend()).isTrue();
            assertThat(p.powerSaveInterval()).isEqualTo(Duration.ofSeconds(30));
            assertThat(p.powerSaveMinInterval()).isEqualTo(Duration.ofSeconds(5));
            assertThat(p.cloudRegAddrs()).isTrue();
            assertThat(p.cloudDns()).isTrue();
            assertThat(p.nodeRegMemPercent()).hasValue(87.5);
            assertThat(p.raw()).containsExactly("IDLE_ON_NODE_SUSPEND", "Power_Save_Interval=30",
                    "power_save_min_interval=5", "Cloud_Reg_Addrs", "cloud_dns", "node_reg_mem_percent=87.5",
                    "enable_configless");
        }

        @Test
        void minIntervalDoesNotSetTheInterval() {
            SlurmctldParameters p = parse("SlurmctldParameters=power_save_min_interval=5\n")
                    .powerSave().slurmctldParameters();
            assertThat(p.powerSaveInterval()).isEqualTo(Duration.ofSeconds(10));
            assertThat(p.powerSaveMinInterval()).isEqualTo(Duration.ofSeconds(5));
        }

        @Test
        void powerSaveIntervalWithoutANumberIsAnError() {
            assertThat(failure("SlurmctldParameters=power_save_interval=soon\n").rule())
                    .contains("power_save_interval=");
        }
    }

    @Nested
    class Nodes {

        @Test
        void nodeNameHostlistGivesOneNodePerName() {
            SlurmConf conf = parse(HEAD + "NodeName=c[1-3] State=CLOUD CPUs=2\n");
            assertThat(conf.nodes()).extracting(NodeDefinition::name).containsExactly("c1", "c2", "c3");
            assertThat(conf.cloudNodes()).hasSize(3);
            assertThat(conf.nodes()).allSatisfy(n -> {
                assertThat(n.cpus()).isEqualTo(2);
                assertThat(n.nodeAddr()).isEqualTo(n.name());
                assertThat(n.nodeHostName()).isEqualTo(n.name());
                assertThat(n.location()).isEqualTo(new SourceLocation(FILE, 3));
            });
        }

        @Test
        void nodeDefaultsAreThoseOfSlurmctld() {
            NodeDefinition n = parse("NodeName=n1\n").nodes().get(0);
            assertThat(n.state()).isEqualTo("UNKNOWN");
            assertThat(n.cpus()).isEqualTo(1);
            assertThat(n.sockets()).isEqualTo(1);
            assertThat(n.coresPerSocket()).isEqualTo(1);
            assertThat(n.threadsPerCore()).isEqualTo(1);
            assertThat(n.realMemory()).isEqualTo(1);
            assertThat(n.weight()).isEqualTo(1);
            assertThat(n.features()).isEmpty();
            assertThat(n.port()).isEmpty();
            assertThat(n.cpuSpecified()).isFalse();
        }

        @Test
        void nodeNameDefaultAppliesToLaterLinesOnlyAndAccumulates() {
            SlurmConf conf = parse("""
                    NodeName=early
                    NodeName=DEFAULT CPUs=4 RealMemory=1000 State=CLOUD
                    NodeName=c[1-2]
                    NodeName=DEFAULT State=FUTURE
                    NodeName=f1
                    NodeName=i1 State=IDLE CPUs=2
                    """);
            assertThat(conf.node("early").orElseThrow().cpus()).isEqualTo(1);
            assertThat(conf.node("c1").orElseThrow()).satisfies(n -> {
                assertThat(n.cpus()).isEqualTo(4);
                assertThat(n.realMemory()).isEqualTo(1000);
                assertThat(n.state()).isEqualTo("CLOUD");
                assertThat(n.cpuSpecified()).isTrue();
            });
            assertThat(conf.node("f1").orElseThrow()).satisfies(n -> {
                assertThat(n.state()).isEqualTo("FUTURE");
                assertThat(n.cpus()).isEqualTo(4);
                assertThat(n.realMemory()).isEqualTo(1000);
            });
            assertThat(conf.node("i1").orElseThrow().state()).isEqualTo("IDLE");
            assertThat(conf.node("i1").orElseThrow().cpus()).isEqualTo(2);
        }

        @Test
        void cpusDefaultToSocketsTimesCoresTimesThreads() {
            NodeDefinition n = parse("NodeName=n1 Sockets=2 CoresPerSocket=4 ThreadsPerCore=2\n").nodes().get(0);
            assertThat(n.cpus()).isEqualTo(16);
            assertThat(n.sockets()).isEqualTo(2);
        }

        @Test
        void socketsAreInferredFromCpus() {
            NodeDefinition n = parse("NodeName=n1 CPUs=8 CoresPerSocket=2\n").nodes().get(0);
            assertThat(n.sockets()).isEqualTo(4);
            assertThat(n.cpus()).isEqualTo(8);
        }

        @Test
        void cpusMatchingNoLayoutAreResetWithTheDaemonsWarning() {
            SlurmConf conf = parse("NodeName=n1 CPUs=3 Sockets=2\n");
            assertThat(conf.nodes().get(0).cpus()).isEqualTo(2);
            assertThat(conf.warnings()).extracting(ConfWarning::message).contains("NodeNames=n1 CPUs=3 match no "
                    + "Sockets, Sockets*CoresPerSocket or Sockets*CoresPerSocket*ThreadsPerCore. Resetting CPUs.");
        }

        @Test
        void zeroCpusAreResetToOne() {
            SlurmConf conf = parse("NodeName=n1 CPUs=0\n");
            assertThat(conf.nodes().get(0).cpus()).isEqualTo(1);
            assertThat(conf.warnings()).extracting(ConfWarning::message)
                    .contains("NodeNames=n1 CPUs=0 is invalid, reset to 1");
        }

        @Test
        void procsIsTheOldNameOfCpus() {
            assertThat(parse("NodeName=n1 Procs=4\n").nodes().get(0).cpus()).isEqualTo(4);
        }

        @Test
        void nodeAddrAndHostNameListsPairWithTheNames() {
            SlurmConf conf = parse("NodeName=c[1-3] NodeHostname=h[1-3] NodeAddr=10.0.0.[5-7]\n");
            assertThat(conf.nodes()).extracting(NodeDefinition::nodeHostName).containsExactly("h1", "h2", "h3");
            assertThat(conf.nodes()).extracting(NodeDefinition::nodeAddr)
                    .containsExactly("10.0.0.5", "10.0.0.6", "10.0.0.7");
        }

        @Test
        void nodeAddrDefaultsToTheHostName() {
            assertThat(parse("NodeName=c1 NodeHostname=h1\n").nodes().get(0).nodeAddr()).isEqualTo("h1");
        }

        @Test
        void oneAddressServesEveryNameOfTheLine() {
            SlurmConf conf = parse("NodeName=c[1-5] State=CLOUD NodeAddr=127.0.0.1\n");
            assertThat(conf.nodes()).extracting(NodeDefinition::nodeAddr).containsOnly("127.0.0.1").hasSize(5);
            assertThat(conf.nodes()).extracting(NodeDefinition::nodeHostName)
                    .containsExactly("c1", "c2", "c3", "c4", "c5");
            assertThat(conf.warnings()).isEmpty();
        }

        @Test
        void oneHostNameServesEveryNameAndIsTheirAddress() {
            SlurmConf conf = parse("NodeName=c[1-3] NodeHostname=h1\n");
            assertThat(conf.nodes()).extracting(NodeDefinition::nodeHostName).containsOnly("h1").hasSize(3);
            assertThat(conf.nodes()).extracting(NodeDefinition::nodeAddr).containsOnly("h1");
            assertThat(conf.warnings()).isEmpty();
        }

        @Test
        void fewerHostNamesThanNamesRepeatTheLastOne() {
            SlurmConf conf = parse("NodeName=c[1-4] NodeHostname=h[1-2] NodeAddr=127.0.0.1\n");
            assertThat(conf.nodes()).extracting(NodeDefinition::nodeHostName).containsExactly("h1", "h2", "h2", "h2");
        }

        @Test
        void moreHostNamesThanNamesAreIgnored() {
            SlurmConf conf = parse("NodeName=c[1-2] NodeHostname=h[1-4] NodeAddr=127.0.0.1\n");
            assertThat(conf.nodes()).extracting(NodeDefinition::nodeHostName).containsExactly("h1", "h2");
        }

        @Test
        void fewerAddressesThanNamesButMoreThanOneIsAnError() {
            SlurmConfException e = failure("NodeName=c[1-3] NodeAddr=10.0.0.[5-6]\n");
            assertThat(e.rule())
                    .isEqualTo("NodeAddr count must equal that of NodeName records of there must be no more than one");
            assertThat(e.offendingText()).isEqualTo("NodeAddr=10.0.0.[5-6]");
        }

        @Test
        void moreAddressesThanNamesIsAnError() {
            assertThat(failure("NodeName=c[1-2] NodeAddr=10.0.0.[5-7]\n").rule())
                    .startsWith("NodeAddr count must equal that of NodeName records");
        }

        @Test
        void hostNamesThatBecomeTheAddressesFollowTheAddressRule() {
            SlurmConfException e = failure("NodeName=c[1-3] NodeHostname=h[1-2]\n");
            assertThat(e.rule()).startsWith("NodeAddr count must equal that of NodeName records");
            assertThat(e.offendingText()).isEqualTo("NodeHostname=h[1-2]");
        }

        @Test
        void broadcastAddressesAreOneOrOnePerName() {
            assertThat(parse("NodeName=c[1-3] BcastAddr=b1\n").nodes()).hasSize(3);
            assertThat(failure("NodeName=c[1-3] BcastAddr=b[1-2]\n").rule()).isEqualTo(
                    "BcastAddr count must equal that of NodeName records, or there must be no more than one");
            assertThat(failure("NodeName=c[1-3] BcastAddr=b[1-4]\n").rule())
                    .startsWith("BcastAddr count must equal");
        }

        @Test
        void portsAreAtMostOneOrOnePerName() {
            assertThat(parse("NodeName=c[1-3] Port=17101\n").nodes()).extracting(n -> n.port().getAsInt())
                    .containsOnly(17101);
            assertThat(failure("NodeName=c[1-3] Port=17101-17104\n").rule()).isEqualTo("Port count must equal"
                    + " that of NodeName records or there must be no more than one (4 != 3)");
        }

        @Test
        void portRangeGivesOnePortPerNode() {
            SlurmConf conf = parse("NodeName=c[1-3] Port=17101-17103\n");
            assertThat(conf.nodes()).extracting(n -> n.port().getAsInt()).containsExactly(17101, 17102, 17103);
        }

        @Test
        void singlePortIsSharedByAllNodesOfTheLine() {
            assertThat(parse("NodeName=c[1-2] Port=17101\n").nodes()).extracting(NodeDefinition::port)
                    .containsOnly(OptionalInt.of(17101));
        }

        @Test
        void portCountMismatchIsAnError() {
            assertThat(failure("NodeName=c[1-3] Port=[17101-17102]\n").rule())
                    .startsWith("Port count must equal that of NodeName records");
        }

        @Test
        void portOutOfRangeIsAnError() {
            assertThat(failure("NodeName=c1 Port=70000\n").rule()).startsWith("Invalid Port 70000");
        }

        @Test
        void stateIsCheckedAndCloudPrefixIsAccepted() {
            assertThat(parse("NodeName=n1 State=cloud\n").nodes().get(0).state()).isEqualTo("CLOUD");
            SlurmConfException e = failure("NodeName=n1 State=SLEEPY\n");
            assertThat(e.rule()).startsWith("node n1 has invalid state SLEEPY");
            assertThat(e.offendingText()).isEqualTo("State=SLEEPY");
        }

        @Test
        void featuresAreSplitOnCommas() {
            assertThat(parse("NodeName=n1 Features=gpu,big\n").nodes().get(0).features()).containsExactly("gpu", "big");
        }

        @Test
        void weightInfiniteBecomesOneLess() {
            assertThat(parse("NodeName=n1 Weight=INFINITE\n").nodes().get(0).weight()).isEqualTo(0xFFFF_FFFEL);
        }

        @Test
        void duplicateNodeIsAnErrorNamingBothLines() {
            SlurmConfException e = failure("NodeName=c[1-2]\nNodeName=c2\n");
            assertThat(e.location().line()).isEqualTo(2);
            assertThat(e.rule()).contains("Duplicated NodeName c2", FILE + ":1");
        }

        @Test
        void nodeAddrOnNodeNameDefaultIsAnError() {
            assertThat(failure("NodeName=DEFAULT NodeAddr=1.2.3.4\n").rule())
                    .isEqualTo("NodeAddr not allowed with NodeName=DEFAULT");
        }

        @Test
        void unknownNodeOptionIsAnError() {
            SlurmConfException e = failure("NodeName=n1 Bogus=1\n");
            assertThat(e.rule()).contains("Parsing error at unrecognized key: Bogus");
            assertThat(e.offendingText()).isEqualTo("Bogus=1");
        }

        @Test
        void badNodeNumberIsAnError() {
            assertThat(failure("NodeName=n1 CPUs=x\n").rule()).isEqualTo("CPUs value \"x\" is not a valid number");
        }

        @Test
        void nodeNameAllIsReserved() {
            assertThat(failure("NodeName=ALL\n").rule()).contains("reserved word");
        }

        @Test
        void malformedNodeHostlistIsAnErrorCarryingTheHostlistError() {
            SlurmConfException e = failure("NodeName=n[3-1]\n");
            assertThat(e.getCause()).isInstanceOf(HostlistException.class);
            assertThat(e.location().line()).isEqualTo(1);
        }

        @Test
        void continuedNodeLineIsOneLine() {
            SlurmConf conf = parse("NodeName=c[1-2] \\\n    CPUs=4 \\\n    State=CLOUD\n");
            assertThat(conf.nodes()).allSatisfy(n -> {
                assertThat(n.cpus()).isEqualTo(4);
                assertThat(n.state()).isEqualTo("CLOUD");
            });
        }
    }

    @Nested
    class Partitions {

        @Test
        void nodesAllMeansEveryNodeEvenThoseDefinedAfterThePartition() {
            SlurmConf conf = parse("NodeName=a1\nPartitionName=all Nodes=ALL\nNodeName=b[1-2]\n");
            assertThat(conf.partition("all").orElseThrow().nodes()).containsExactly("a1", "b1", "b2");
        }

        @Test
        void partitionDefaultsAreThoseOfSlurmctld() {
            PartitionDefinition p = parse("NodeName=n1\nPartitionName=p Nodes=n1\n").partitions().get(0);
            assertThat(p.state()).isEqualTo("UP");
            assertThat(p.maxTime()).isEqualTo("UNLIMITED");
            assertThat(p.isDefault()).isFalse();
            assertThat(p.suspendTime()).isEmpty();
            assertThat(p.suspendTimeout()).isEmpty();
            assertThat(p.resumeTimeout()).isEmpty();
        }

        @Test
        void partitionNameDefaultAppliesToLaterLines() {
            SlurmConf conf = parse("""
                    NodeName=n[1-4]
                    PartitionName=DEFAULT Nodes=n[1-2] State=DOWN ResumeTimeout=300 MaxTime=1-00:00:00
                    PartitionName=a
                    PartitionName=b Nodes=n[3-4] State=UP
                    """);
            assertThat(conf.partition("a").orElseThrow()).satisfies(p -> {
                assertThat(p.nodes()).containsExactly("n1", "n2");
                assertThat(p.state()).isEqualTo("DOWN");
                assertThat(p.resumeTimeout()).contains(Duration.ofSeconds(300));
                assertThat(p.maxTime()).isEqualTo("1-00:00:00");
            });
            assertThat(conf.partition("b").orElseThrow()).satisfies(p -> {
                assertThat(p.nodes()).containsExactly("n3", "n4");
                assertThat(p.state()).isEqualTo("UP");
                assertThat(p.resumeTimeout()).contains(Duration.ofSeconds(300));
            });
        }

        @Test
        void suspendTimeOnPartitionNameDefaultIsIgnoredWithAWarning() {
            SlurmConf conf = parse("NodeName=n1\nPartitionName=DEFAULT SuspendTime=60\nPartitionName=p Nodes=n1\n");
            assertThat(conf.partition("p").orElseThrow().suspendTime()).isEmpty();
            assertThat(conf.warnings()).singleElement().satisfies(w -> {
                assertThat(w.location().line()).isEqualTo(2);
                assertThat(w.message()).contains("SuspendTime=60", "PartitionName=DEFAULT");
            });
        }

        @Test
        void partitionSuspendTimeInfiniteOrMinusOne() {
            SlurmConf conf = parse("NodeName=n1\nPartitionName=a Nodes=n1 SuspendTime=INFINITE\n"
                    + "PartitionName=b Nodes=n1 SuspendTime=-1\nPartitionName=c Nodes=n1 SuspendTime=120\n");
            assertThat(conf.partition("a").orElseThrow().suspendTime()).contains(TimeoutValue.infinite());
            assertThat(conf.partition("b").orElseThrow().suspendTime()).contains(TimeoutValue.infinite());
            assertThat(conf.partition("c").orElseThrow().suspendTime())
                    .contains(TimeoutValue.of(Duration.ofSeconds(120)));
        }

        @Test
        void partitionSuspendTimeNoneReadsAsZeroWithAWarning() {
            SlurmConf conf = parse("NodeName=n1\nPartitionName=p Nodes=n1 SuspendTime=NONE\n");
            assertThat(conf.partition("p").orElseThrow().suspendTime()).contains(TimeoutValue.of(Duration.ZERO));
            assertThat(conf.warnings()).extracting(ConfWarning::message).anyMatch(m -> m.contains("read as 0"));
        }

        @Test
        void partitionNamingAnUndefinedNodeIsAnError() {
            SlurmConfException e = failure("NodeName=n1\nPartitionName=p Nodes=n[1-2]\n");
            assertThat(e.location().line()).isEqualTo(2);
            assertThat(e.rule()).contains("Invalid node names in partition p", "n2");
        }

        @Test
        void partitionNodesAreUniqueAndInNodeOrder() {
            SlurmConf conf = parse("NodeName=n[1-3]\nPartitionName=p Nodes=n3,n1,n3\n");
            assertThat(conf.partition("p").orElseThrow().nodes()).containsExactly("n1", "n3");
        }

        @Test
        void nodeSetNamesAreReplacedByTheirNodes() {
            SlurmConf conf = parse("NodeName=g[1-2] Features=gpu\nNodeName=c1\nNodeSet=gpus Feature=gpu\n"
                    + "PartitionName=p Nodes=gpus,c1\n");
            assertThat(conf.partition("p").orElseThrow().nodes()).containsExactly("g1", "g2", "c1");
        }

        @Test
        void lastDefaultYesWins() {
            SlurmConf conf = parse("PartitionName=a Default=YES\nPartitionName=b Default=YES\nPartitionName=c\n");
            assertThat(conf.partitions()).extracting(PartitionDefinition::isDefault).containsExactly(false, true, false);
        }

        @Test
        void duplicatePartitionIsAnError() {
            assertThat(failure("PartitionName=p\nPartitionName=p\n").rule()).contains("duplicate entry for partition p");
        }

        @Test
        void badMaxTimeIsAnError() {
            assertThat(failure("PartitionName=p MaxTime=forever\n").rule()).isEqualTo("Bad value \"forever\" for MaxTime");
        }

        @Test
        void badStateIsAnError() {
            assertThat(failure("PartitionName=p State=SIDEWAYS\n").rule()).startsWith("Bad value \"SIDEWAYS\" for State");
        }

        @Test
        void partitionsOfANodeAreInDefinitionOrder() {
            SlurmConf conf = parse("NodeName=n[1-2]\nPartitionName=a Nodes=n1\nPartitionName=b Nodes=ALL\n");
            assertThat(conf.partitionsOf("n1")).extracting(PartitionDefinition::name).containsExactly("a", "b");
            assertThat(conf.partitionsOf("n2")).extracting(PartitionDefinition::name).containsExactly("b");
        }
    }

    @Nested
    class EffectiveTimeouts {

        private final SlurmConf conf = parse("""
                SuspendTime=600
                SuspendTimeout=30
                ResumeTimeout=60
                NodeName=n[1-4]
                PartitionName=short Nodes=n[1-2] SuspendTime=100 ResumeTimeout=300
                PartitionName=long Nodes=n[2-3] SuspendTime=400 SuspendTimeout=90
                PartitionName=never Nodes=n3 SuspendTime=INFINITE
                PartitionName=plain Nodes=n4
                """);

        @Test
        void maximumOverThePartitionsThatSetIt() {
            assertThat(conf.timeoutsFor("n2")).isEqualTo(new NodeTimeouts(
                    TimeoutValue.of(Duration.ofSeconds(400)), Duration.ofSeconds(90), Duration.ofSeconds(300)));
        }

        @Test
        void partitionValueWinsOverTheGlobalEvenWhenSmaller() {
            assertThat(conf.timeoutsFor("n1")).isEqualTo(new NodeTimeouts(
                    TimeoutValue.of(Duration.ofSeconds(100)), Duration.ofSeconds(30), Duration.ofSeconds(300)));
        }

        @Test
        void infiniteWinsTheMaximum() {
            assertThat(conf.timeoutsFor("n3").suspendTime().isInfinite()).isTrue();
            assertThat(conf.timeoutsFor("n3").suspendTimeout()).isEqualTo(Duration.ofSeconds(90));
        }

        @Test
        void globalValuesWhenNoPartitionSetsThem() {
            assertThat(conf.timeoutsFor("n4")).isEqualTo(new NodeTimeouts(
                    TimeoutValue.of(Duration.ofSeconds(600)), Duration.ofSeconds(30), Duration.ofSeconds(60)));
        }

        @Test
        void unknownNodeIsRefused() {
            assertThatThrownBy(() -> conf.timeoutsFor("n9")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("n9");
        }

        @Test
        void partitionSuspendTimeAloneTurnsPowerSaveOn() {
            assertThat(parse("NodeName=n1\nPartitionName=p Nodes=n1 SuspendTime=30\n").suspendTimeSetAnywhere())
                    .isTrue();
            assertThat(parse("NodeName=n1\nPartitionName=p Nodes=n1 SuspendTime=INFINITE\n")
                    .suspendTimeSetAnywhere()).isFalse();
        }
    }

    @Nested
    class Exclusions {

        private static final String NODES = "NodeName=nid[10-20],nid[60-70],c[1-4]\nPartitionName=batch Nodes=c[1-4]\n";

        @Test
        void plainListExcludesAllItsNodes() {
            SlurmConf conf = parse(NODES + "SuspendExcNodes=c[1-2],nid10\n");
            assertThat(conf.powerSave().suspendExcNodes()).singleElement().satisfies(x -> {
                assertThat(x.nodes().names()).containsExactly("nid10", "c1", "c2");
                assertThat(x.count()).isEmpty();
            });
            assertThat(conf.warnings()).isEmpty();
        }

        @Test
        void countedListsAlternateWithCounts() {
            SlurmConf conf = parse(NODES + "SuspendExcNodes=nid[10-20]:4,nid[60-70]\n");
            assertThat(conf.powerSave().suspendExcNodes()).hasSize(2);
            assertThat(conf.powerSave().suspendExcNodes().get(0)).satisfies(x -> {
                assertThat(x.nodes().size()).isEqualTo(11);
                assertThat(x.count()).hasValue(4);
            });
            assertThat(conf.powerSave().suspendExcNodes().get(1)).satisfies(x -> {
                assertThat(x.nodes().size()).isEqualTo(11);
                assertThat(x.count()).isEmpty();
            });
        }

        @Test
        void listBeforeTheFirstColonMayHoldSeveralExpressions() {
            SuspendExclusion x = parse(NODES + "SuspendExcNodes=c[1-2],c4:2\n").powerSave().suspendExcNodes().get(0);
            assertThat(x.nodes().names()).containsExactly("c1", "c2", "c4");
            assertThat(x.count()).hasValue(2);
        }

        @ParameterizedTest
        @ValueSource(strings = {"c[1-4]:5", "c[1-4]:0", "c[1-4]:two", "c[1-4]:2,nid10:3"})
        void badCountDropsTheWholeValueWithTheDaemonsError(String value) {
            SlurmConf conf = parse(NODES + "SuspendExcNodes=" + value + "\n");
            assertThat(conf.powerSave().suspendExcNodes()).isEmpty();
            assertThat(conf.warnings()).extracting(ConfWarning::message)
                    .containsExactly("Invalid SuspendExcNodes " + value + " ignored");
        }

        @Test
        void unknownNodeInACountedListDropsTheWholeValue() {
            SlurmConf conf = parse(NODES + "SuspendExcNodes=c1:1,x9:1\n");
            assertThat(conf.powerSave().suspendExcNodes()).isEmpty();
            assertThat(conf.warnings()).extracting(ConfWarning::message).containsExactly(
                    "node_name2bitmap: invalid node specified: \"x9\"", "Invalid SuspendExcNodes c1:1,x9:1 ignored");
        }

        @Test
        void unknownNodeInAPlainListIsReportedButTheKnownOnesStayExcluded() {
            SlurmConf conf = parse(NODES + "SuspendExcNodes=c1,x9\n");
            assertThat(conf.powerSave().suspendExcNodes()).singleElement()
                    .satisfies(x -> assertThat(x.nodes().names()).containsExactly("c1"));
            assertThat(conf.warnings()).extracting(ConfWarning::message).containsExactly(
                    "node_name2bitmap: invalid node specified: \"x9\"", "Invalid SuspendExcNodes c1,x9 ignored");
        }

        @Test
        void unknownPartitionIsDroppedWithTheDaemonsError() {
            SlurmConf conf = parse(NODES + "SuspendExcParts=batch,nosuch\n");
            assertThat(conf.powerSave().suspendExcParts()).containsExactly("batch");
            assertThat(conf.warnings()).singleElement().satisfies(w -> {
                assertThat(w.message()).isEqualTo("Invalid SuspendExcPart nosuch ignored");
                assertThat(w.location().line()).isEqualTo(3);
            });
        }
    }
}
