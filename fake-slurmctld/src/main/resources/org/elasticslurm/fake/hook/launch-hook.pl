# Starts a power-save program the way slurmctld 22.05 does (power_save.c _run_prog):
#   fork; in the child setpgid(0,0), every file descriptor closed (stdin, stdout and stderr too), the
#   signal mask and dispositions slurmctld's child has (SigBlk 0x897a27, SIGQUIT ignored, the rest default),
#   then execve with argv[0] = the base name and the environment given to this script, unchanged.
# The parent reports the child's pid, waits for it (it is never killed) and reports how it ended:
#   "pid N", then "exit N" or "signal N".
# Arguments: PROGRAM ARGV0 [ARG ...]
use strict;
use warnings;
use POSIX ();
use Config;

my ($program, $argv0, @args) = @ARGV;
die "usage: launch-hook.pl PROGRAM ARGV0 [ARG ...]\n" unless defined $argv0;
$| = 1;

my $pid = fork();
if (!defined $pid) {
    print "fork-failed $!\n";
    exit 0;
}
if ($pid == 0) {
    POSIX::setpgid(0, 0);
    default_signal_dispositions();
    $SIG{QUIT} = 'IGNORE';
    # slurmctld's blocked signals: HUP INT QUIT ABRT USR1 USR2 PIPE ALRM TERM CHLD TSTP XCPU
    my $blocked = POSIX::SigSet->new(1, 2, 3, 6, 10, 12, 13, 14, 15, 17, 20, 24);
    POSIX::sigprocmask(POSIX::SIG_SETMASK(), $blocked);
    my @fds;
    if (opendir(my $dir, "/proc/self/fd")) {
        @fds = grep { /^\d+$/ } readdir($dir);
        closedir($dir);
    } else {
        @fds = (0 .. 1023);
    }
    POSIX::close($_) for @fds;
    { exec { $program } $argv0, @args; }
    POSIX::_exit(1);
}
print "pid $pid\n";
my $rc = waitpid($pid, 0);
my $status = $?;
if ($rc != $pid) {
    print "wait-failed $!\n";
} elsif ($status & 127) {
    print "signal ", ($status & 127), "\n";
} else {
    print "exit ", ($status >> 8), "\n";
}
exit 0;

# Every signal back to SIG_DFL. The JVM starts this launcher through glibc's posix_spawn, which leaves glibc's
# internal signals 32 and 33 ignored, and glibc's sigaction() refuses to touch them; slurmctld's children do not
# ignore them. So the raw rt_sigaction system call is used (kernel struct sigaction: handler, flags, restorer,
# 8-byte mask); on other architectures perl's %SIG does what it can.
sub default_signal_dispositions {
    my %rt_sigaction = ('x86_64' => 13, 'aarch64' => 134);
    my ($arch) = $Config{archname} =~ /^([^-]+)/;
    my $number = $rt_sigaction{$arch // ''};
    if (defined $number) {
        my $action = pack('Q4', 0, 0, 0, 0);
        for my $signal (1 .. 64) {
            next if $signal == 9 || $signal == 19;
            syscall($number, $signal, $action, 0, 8);
        }
        return;
    }
    local $SIG{__WARN__} = sub { };
    for my $name (keys %SIG) {
        next if $name eq 'KILL' || $name eq 'STOP' || $name =~ /^__[A-Z]+__$/;
        $SIG{$name} = 'DEFAULT';
    }
}
