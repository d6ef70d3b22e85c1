/* A probe for tests/seccomp.rs, built static by the test and run inside containers: makes the
 * system calls named on its command line with harmless arguments and prints, per call,
 * "NAME=ok" or "NAME=<errno name>". */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *errname(int e)
{
    switch (e) {
    case EPERM: return "EPERM";
    case ENOSYS: return "ENOSYS";
    case EINVAL: return "EINVAL";
    case EFAULT: return "EFAULT";
    case EXDEV: return "EXDEV";
    case EACCES: return "EACCES";
    default: return "other";
    }
}

static long call(const char *name)
{
    if (!strcmp(name, "membarrier"))       /* MEMBARRIER_CMD_QUERY */
        return syscall(SYS_membarrier, 0, 0);
    if (!strcmp(name, "io_uring_setup"))   /* a NULL params pointer: EFAULT when reachable */
        return syscall(SYS_io_uring_setup, 1, NULL);
    if (!strcmp(name, "personality"))      /* ADDR_NO_RANDOMIZE: not one of the allowed domains */
        return syscall(SYS_personality, 0x0040000);
    if (!strcmp(name, "getpid"))
        return syscall(SYS_getpid);
    if (!strcmp(name, "mkdir"))
        return syscall(SYS_mkdir, "/tmp/probe-dir", 0755);
    errno = EINVAL;
    return -1;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        errno = 0;
        long rc = call(argv[i]);
        printf("%s=%s\n", argv[i], rc < 0 ? errname(errno) : "ok");
    }
    return 0;
}
