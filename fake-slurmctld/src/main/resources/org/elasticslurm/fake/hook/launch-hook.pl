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
    for my $name (keys %SIG) {
        next if $name eq 'KILL' || $name eq 'STOP' || $name =~ /^(?:NUM\d+|RTMIN|RTMAX|__[A-Z]+__)$/;
        local $SIG{__WARN__} = sub { };
        $SIG{$name} = 'DEFAULT';
    }
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
