# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_rcon_global_optspecs
    string join \n root= runroot= volumepath= storage-driver= log-level= cgroup-manager= noout events-backend= default-mounts-file= h/help V/version
end

function __fish_rcon_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_rcon_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_rcon_using_subcommand
    set -l cmd (__fish_rcon_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c rcon -n "__fish_rcon_needs_command" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_needs_command" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_needs_command" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_needs_command" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_needs_command" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_needs_command" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_needs_command" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_needs_command" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_needs_command" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_needs_command" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "run" -d 'Run a command in a new container'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "create" -d 'Create a container without starting it'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "start" -d 'Start one or more containers'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "stop" -d 'Stop one or more containers'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "kill" -d 'Send a signal to one or more containers'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "restart" -d 'Restart one or more containers'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "rm" -d 'Remove one or more containers'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "ps" -d 'List containers'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "rename" -d 'Rename a container'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "logs" -d 'Fetch the logs of one or more containers'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "attach" -d 'Attach to a running container'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "exec" -d 'Run a process in a running container'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "healthcheck" -d 'Run container healthchecks'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "top" -d 'Display the running processes of a container'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "stats" -d 'Display a live stream of container resource usage'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "update" -d 'Change the resource limits of a container'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "pause" -d 'Pause all the processes of one or more containers'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "unpause" -d 'Unpause the processes of one or more containers'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "port" -d 'List the published ports of a container'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "cp" -d 'Copy files between a container and the host'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "save" -d 'Save images to an archive'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "load" -d 'Load images from an archive'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "export" -d 'Export a container\'s root filesystem as a tar'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "import" -d 'Import a tar as a new image'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "container" -d 'Manage containers'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "pull" -d 'Pull an image from a registry'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "push" -d 'Push an image to a registry'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "images" -d 'List images in local storage'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "rmi" -d 'Remove one or more images from local storage'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "tag" -d 'Add an additional name to a local image'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "untag" -d 'Remove a name from a local image'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "inspect" -d 'Display the configuration of images'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "image" -d 'Manage images'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "manifest" -d 'Manage manifest lists'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "volume" -d 'Manage volumes'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "secret" -d 'Manage secrets: data a container gets as a file or a variable, kept out of images'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "network" -d 'Manage networks'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "pod" -d 'Manage pods: containers that share network, IPC and UTS namespaces'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "kube" -d 'Play, take down and generate Kubernetes YAML'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "play" -d 'Play Kubernetes YAML (Podman\'s older name for `kube play`)'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "login" -d 'Log in to a container registry'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "logout" -d 'Log out of a container registry'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "info" -d 'Display rcon\'s system information'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "version" -d 'Display the rcon version'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "system" -d 'Manage rcon itself'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "events" -d 'Show what happens to containers, images, volumes, networks and pods'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "completion" -d 'Print a shell completion script'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "generate" -d 'Generate systemd units (deprecated: use Quadlet)'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "quadlet" -d 'Manage Quadlet files: containers, volumes, networks and pods as systemd services'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "auto-update" -d 'Update containers to newer images by restarting their systemd units'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "buildx" -d 'Docker\'s buildx: `buildx build` is `build`'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "history" -d 'Show the history of an image'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "diff" -d 'Inspect changes on a container\'s or an image\'s filesystem'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "mount" -d 'Mount a container\'s root filesystem (inside `rcon unshare`)'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "umount" -d 'Unmount a container\'s root filesystem'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "unmount" -d 'Unmount a container\'s root filesystem'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "unshare" -d 'Run a command in a modified user namespace (the one containers use)'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand run" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand run" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand run" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand run" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand run" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand run" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand run" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand run" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand run" -s a -l attach -d 'Attach only these of the container\'s streams: stdin, stdout, stderr (repeatable)' -r -f -a "stdin\t''
stdout\t''
stderr\t''"
complete -c rcon -n "__fish_rcon_using_subcommand run" -l name -d 'Name of the container (default: a generated adjective_surname)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l tz -d 'The container\'s time zone (a zone name such as Europe/Paris, or local: the host\'s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l conmon-pidfile -d 'Write the pid of the container\'s supervisor (Podman\'s conmon) to this file' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand run" -l kernel-memory -d 'Accepted for Docker\'s and Podman\'s scripts: cgroup v2 has no kernel memory limit' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -s e -l env -d 'Set an environment variable (NAME=VALUE, or NAME for the host\'s value)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l preserve-fds -d 'Pass N more descriptors (3 to 3+N-1) of rcon\'s to the container\'s process (run only)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l hostuser -d 'Add this host user (name or uid) to the container\'s /etc/passwd (repeatable)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l timeout -d 'Kill the container after this many seconds (0: no limit); it exits with -1' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l unsetenv -d 'Leave out this default or image environment variable (TERM, container, PATH…)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l env-file -d 'Read environment variables from a file (NAME=VALUE lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand run" -l secret -d 'Give the container a secret (`rcon secret create`): a file, /run/secrets/NAME unless target= says, or with type=env a variable: NAME[,type=mount|env][,target=…][,mode=…]' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l env-host -d 'Pass the whole host environment into the container' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand run" -l http-proxy -d 'Pass the proxy variables of rcon\'s environment (http_proxy, https_proxy, ftp_proxy, no_proxy, also upper-case) into the container (default: containers.conf\'s http_proxy, else true); --env-file and --env override them' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -s u -l user -d 'User (name or uid) and optionally group to run as: USER[:GROUP]' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l group-add -d 'Additional groups to run as' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l entrypoint -d 'Override the image\'s entrypoint (a command, or a JSON array)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -s h -l hostname -d 'Container host name (default: the short container ID)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l cap-add -d 'Add capabilities (CAP_X, X or ALL)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l cap-drop -d 'Drop capabilities (CAP_X, X or ALL)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l security-opt -d 'Security options: no-new-privileges[=BOOL], seccomp=unconfined|PATH (an OCI/Docker JSON profile; default: the built-in one), label=disable, apparmor=unconfined' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l read-only-tmpfs -d 'With --read-only, mount tmpfs on /run, /tmp and /var/tmp' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand run" -l stop-signal -d 'Signal that stops the container (default: the image\'s, else SIGTERM)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l stop-timeout -d 'Seconds to wait after the stop signal before SIGKILL (default: containers.conf\'s stop_timeout, else 10)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l tmpfs -d 'Mount a tmpfs: PATH[:OPTIONS]' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -s v -l volume -d 'Bind mount or volume: [SOURCE:]DEST[:ro|rw,z,Z,U,O,nocopy]' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l mount -d 'Mount: type=bind|volume|tmpfs|image,source=…,target=…[,readonly,…]' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l volumes-from -d 'Mount the volumes and bind mounts of another container: CONTAINER[:ro|rw]' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l image-volume -d 'What the image\'s VOLUMEs become: bind (anonymous volumes), tmpfs or ignore (default: containers.conf\'s image_volume_mode, else bind)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l ulimit -d 'Resource limit: NAME=SOFT[:HARD]' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -s l -l label -d 'Set a label: KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l label-file -d 'Read labels from a file (KEY=VALUE lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand run" -l annotation -d 'Add an annotation to the container (its OCI spec): KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l network -l net -d 'Network: slirp4netns[:OPTIONS], pasta[:OPTIONS], host, none (only lo), ns:PATH or container:NAME (share that running container\'s network) (default pasta where installed, else slirp4netns; containers.conf\'s default_rootless_network_cmd decides), or the names of networks (repeat it, or separate by commas)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l pod -d 'Run in this pod (name or ID), or in a new one: new:NAME' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l requires -d 'Containers to start before this one (names or IDs, repeatable or comma-separated)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l init-ctr -d 'In a pod: an init container, run to its end before the others start, at every pod start (always) or the first only (once)' -r -f -a "always\t''
once\t''"
complete -c rcon -n "__fish_rcon_using_subcommand run" -l pod-id-file -d 'Run in the pod whose ID this file holds' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand run" -l network-alias -d 'Another name for the container on its networks' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -s p -l publish -d 'Publish a container\'s port on the host: [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|/udp] (ranges as 8000-8010; no host port: a random one)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l add-host -d 'Add a line to /etc/hosts: NAME:IP (host-gateway as IP names the host)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l dns -d 'DNS server for /etc/resolv.conf (replaces the host\'s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l dns-search -d 'DNS search domain for /etc/resolv.conf ("." for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l dns-option -l dns-opt -d 'Option for /etc/resolv.conf (ndots:2, edns0)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l userns -d 'User namespace: private, keep-id[:uid=N,gid=N], nomap or auto[:size=N]' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l ipc -d 'IPC namespace: shareable (its own, others may join; the default), private, host, none (also no /dev/shm), container:NAME (join that container\'s) or ns:PATH' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l uidmap -d 'A uid range of the container\'s own user namespace: CONTAINER:STORE:SIZE (STORE ids are the store\'s namespace\'s: 0 is you); repeatable' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l gidmap -d 'A gid range, as --uidmap (default: the --uidmap ranges)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l log-driver -d 'Log driver: k8s-file, journald, none or passthrough (json-file: k8s-file) (default: containers.conf\'s log_driver, else k8s-file)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l log-opt -d 'Log driver options: max-size=SIZE, tag=TAG' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l pull -d 'Pull the image: always, missing, never or newer' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l cidfile -d 'Write the container ID to this file' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand run" -l detach-keys -d 'Keys that detach from the container (e.g. ctrl-p,ctrl-q; empty to disable)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l sig-proxy -d 'Forward the signals rcon receives to the container' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand run" -l platform -d 'Platform of the image to pull (os/arch[/variant])' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand run" -l authfile -d 'Path of the authentication file (default: containers-auth.json locations)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand run" -l cert-dir -d 'Folder of certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand run" -s m -l memory -d 'Memory limit (e.g. 512m, 1g; -1 for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l memory-swap -d 'Memory plus swap limit (-1 for unlimited swap)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l memory-reservation -d 'Memory soft limit (memory.low)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l cpus -d 'Number of CPUs (e.g. 0.5): a CFS quota per 100ms period' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -s c -l cpu-shares -d 'CPU shares (relative weight, cgroup v1 scale 2-262144)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l cpu-weight -d 'CPU weight (cgroup v2 scale 1-10000)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l cpu-quota -d 'CPU CFS quota in microseconds per period (-1 for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l cpu-period -d 'CPU CFS period in microseconds' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-1,3)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l pids-limit -d 'Process limit (default 2048 where the pids controller is delegated; -1 for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l blkio-weight -d 'Block I/O weight (10-1000)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l oom-score-adj -d 'The container process\'s OOM score adjustment (-1000 to 1000)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l health-cmd -d 'The healthcheck command: a shell command line, a JSON array (["CMD","a","b"] or ["CMD-SHELL","…"]), or none to disable the image\'s' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l health-interval -d 'Time between checks (default 30s); disable: never scheduled' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l health-timeout -d 'Time a check may take before it is killed and counts as failed (default 30s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l health-retries -d 'Failures in a row that make the container unhealthy (default 3)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l health-start-period -d 'Time after start during which failures do not count (default 0s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l health-start-interval -d 'Time between checks during the start period (default: the interval)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l health-startup-cmd -d 'A startup check that runs until it passes, before the regular one' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l health-startup-interval -d 'Time between startup checks (default 30s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l health-startup-retries -d 'Startup failures after which the container is restarted (default 0: never)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l health-startup-success -d 'Startup successes in a row that pass it (default 0: the first)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l health-startup-timeout -d 'Time a startup check may take (default 30s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l health-on-failure -d 'What to do when the container turns unhealthy: none, kill, restart or stop' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l health-log-destination -d 'Where the check results go: local, events_logger or a folder' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l health-max-log-count -d 'Results kept in the health log (default 5; 0: all)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l health-max-log-size -d 'Characters of output kept per result (default 500; 0: all)' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l sdnotify -d 'Who tells systemd the unit is ready: conmon (rcon, once the container runs), container (the container, through $NOTIFY_SOCKET) or ignore' -r
complete -c rcon -n "__fish_rcon_using_subcommand run" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand run" -s d -l detach -d 'Run in the background and print the container ID'
complete -c rcon -n "__fish_rcon_using_subcommand run" -s i -l interactive -d 'Keep stdin open and pass it to the container'
complete -c rcon -n "__fish_rcon_using_subcommand run" -s t -l tty -d 'Give the container a terminal'
complete -c rcon -n "__fish_rcon_using_subcommand run" -l rm -d 'Remove the container when it exits'
complete -c rcon -n "__fish_rcon_using_subcommand run" -l rmi -d 'With --rm: remove the image too when the container ends, unless another uses it'
complete -c rcon -n "__fish_rcon_using_subcommand run" -l unsetenv-all -d 'Leave out every default, containers.conf and image environment variable'
complete -c rcon -n "__fish_rcon_using_subcommand run" -l privileged -d 'Give the container all capabilities and unmasked /proc and /sys'
complete -c rcon -n "__fish_rcon_using_subcommand run" -l read-only -d 'Mount the root filesystem read-only'
complete -c rcon -n "__fish_rcon_using_subcommand run" -l init -d 'Run a small init as PID 1 that forwards signals and reaps zombies'
complete -c rcon -n "__fish_rcon_using_subcommand run" -s P -l publish-all -d 'Publish every port the image exposes on a random host port'
complete -c rcon -n "__fish_rcon_using_subcommand run" -l no-hosts -d 'Keep the image\'s /etc/hosts instead of generating one'
complete -c rcon -n "__fish_rcon_using_subcommand run" -l replace -d 'Replace a container that has the same name'
complete -c rcon -n "__fish_rcon_using_subcommand run" -s q -l quiet -d 'Print no pull progress'
complete -c rcon -n "__fish_rcon_using_subcommand run" -l no-healthcheck -d 'Run no healthcheck, not even the image\'s'
complete -c rcon -n "__fish_rcon_using_subcommand run" -l help -d 'Print help'
complete -c rcon -n "__fish_rcon_using_subcommand run" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand create" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand create" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand create" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand create" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand create" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand create" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand create" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand create" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand create" -s a -l attach -d 'Attach only these of the container\'s streams: stdin, stdout, stderr (repeatable)' -r -f -a "stdin\t''
stdout\t''
stderr\t''"
complete -c rcon -n "__fish_rcon_using_subcommand create" -l name -d 'Name of the container (default: a generated adjective_surname)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l tz -d 'The container\'s time zone (a zone name such as Europe/Paris, or local: the host\'s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l conmon-pidfile -d 'Write the pid of the container\'s supervisor (Podman\'s conmon) to this file' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand create" -l kernel-memory -d 'Accepted for Docker\'s and Podman\'s scripts: cgroup v2 has no kernel memory limit' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -s e -l env -d 'Set an environment variable (NAME=VALUE, or NAME for the host\'s value)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l preserve-fds -d 'Pass N more descriptors (3 to 3+N-1) of rcon\'s to the container\'s process (run only)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l hostuser -d 'Add this host user (name or uid) to the container\'s /etc/passwd (repeatable)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l timeout -d 'Kill the container after this many seconds (0: no limit); it exits with -1' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l unsetenv -d 'Leave out this default or image environment variable (TERM, container, PATH…)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l env-file -d 'Read environment variables from a file (NAME=VALUE lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand create" -l secret -d 'Give the container a secret (`rcon secret create`): a file, /run/secrets/NAME unless target= says, or with type=env a variable: NAME[,type=mount|env][,target=…][,mode=…]' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l env-host -d 'Pass the whole host environment into the container' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand create" -l http-proxy -d 'Pass the proxy variables of rcon\'s environment (http_proxy, https_proxy, ftp_proxy, no_proxy, also upper-case) into the container (default: containers.conf\'s http_proxy, else true); --env-file and --env override them' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -s u -l user -d 'User (name or uid) and optionally group to run as: USER[:GROUP]' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l group-add -d 'Additional groups to run as' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l entrypoint -d 'Override the image\'s entrypoint (a command, or a JSON array)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -s h -l hostname -d 'Container host name (default: the short container ID)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l cap-add -d 'Add capabilities (CAP_X, X or ALL)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l cap-drop -d 'Drop capabilities (CAP_X, X or ALL)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l security-opt -d 'Security options: no-new-privileges[=BOOL], seccomp=unconfined|PATH (an OCI/Docker JSON profile; default: the built-in one), label=disable, apparmor=unconfined' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l read-only-tmpfs -d 'With --read-only, mount tmpfs on /run, /tmp and /var/tmp' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand create" -l stop-signal -d 'Signal that stops the container (default: the image\'s, else SIGTERM)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l stop-timeout -d 'Seconds to wait after the stop signal before SIGKILL (default: containers.conf\'s stop_timeout, else 10)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l tmpfs -d 'Mount a tmpfs: PATH[:OPTIONS]' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -s v -l volume -d 'Bind mount or volume: [SOURCE:]DEST[:ro|rw,z,Z,U,O,nocopy]' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l mount -d 'Mount: type=bind|volume|tmpfs|image,source=…,target=…[,readonly,…]' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l volumes-from -d 'Mount the volumes and bind mounts of another container: CONTAINER[:ro|rw]' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l image-volume -d 'What the image\'s VOLUMEs become: bind (anonymous volumes), tmpfs or ignore (default: containers.conf\'s image_volume_mode, else bind)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l ulimit -d 'Resource limit: NAME=SOFT[:HARD]' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -s l -l label -d 'Set a label: KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l label-file -d 'Read labels from a file (KEY=VALUE lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand create" -l annotation -d 'Add an annotation to the container (its OCI spec): KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l network -l net -d 'Network: slirp4netns[:OPTIONS], pasta[:OPTIONS], host, none (only lo), ns:PATH or container:NAME (share that running container\'s network) (default pasta where installed, else slirp4netns; containers.conf\'s default_rootless_network_cmd decides), or the names of networks (repeat it, or separate by commas)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l pod -d 'Run in this pod (name or ID), or in a new one: new:NAME' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l requires -d 'Containers to start before this one (names or IDs, repeatable or comma-separated)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l init-ctr -d 'In a pod: an init container, run to its end before the others start, at every pod start (always) or the first only (once)' -r -f -a "always\t''
once\t''"
complete -c rcon -n "__fish_rcon_using_subcommand create" -l pod-id-file -d 'Run in the pod whose ID this file holds' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand create" -l network-alias -d 'Another name for the container on its networks' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -s p -l publish -d 'Publish a container\'s port on the host: [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|/udp] (ranges as 8000-8010; no host port: a random one)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l add-host -d 'Add a line to /etc/hosts: NAME:IP (host-gateway as IP names the host)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l dns -d 'DNS server for /etc/resolv.conf (replaces the host\'s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l dns-search -d 'DNS search domain for /etc/resolv.conf ("." for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l dns-option -l dns-opt -d 'Option for /etc/resolv.conf (ndots:2, edns0)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l userns -d 'User namespace: private, keep-id[:uid=N,gid=N], nomap or auto[:size=N]' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l ipc -d 'IPC namespace: shareable (its own, others may join; the default), private, host, none (also no /dev/shm), container:NAME (join that container\'s) or ns:PATH' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l uidmap -d 'A uid range of the container\'s own user namespace: CONTAINER:STORE:SIZE (STORE ids are the store\'s namespace\'s: 0 is you); repeatable' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l gidmap -d 'A gid range, as --uidmap (default: the --uidmap ranges)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l log-driver -d 'Log driver: k8s-file, journald, none or passthrough (json-file: k8s-file) (default: containers.conf\'s log_driver, else k8s-file)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l log-opt -d 'Log driver options: max-size=SIZE, tag=TAG' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l pull -d 'Pull the image: always, missing, never or newer' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l cidfile -d 'Write the container ID to this file' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand create" -l detach-keys -d 'Keys that detach from the container (e.g. ctrl-p,ctrl-q; empty to disable)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l sig-proxy -d 'Forward the signals rcon receives to the container' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand create" -l platform -d 'Platform of the image to pull (os/arch[/variant])' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand create" -l authfile -d 'Path of the authentication file (default: containers-auth.json locations)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand create" -l cert-dir -d 'Folder of certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand create" -s m -l memory -d 'Memory limit (e.g. 512m, 1g; -1 for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l memory-swap -d 'Memory plus swap limit (-1 for unlimited swap)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l memory-reservation -d 'Memory soft limit (memory.low)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l cpus -d 'Number of CPUs (e.g. 0.5): a CFS quota per 100ms period' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -s c -l cpu-shares -d 'CPU shares (relative weight, cgroup v1 scale 2-262144)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l cpu-weight -d 'CPU weight (cgroup v2 scale 1-10000)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l cpu-quota -d 'CPU CFS quota in microseconds per period (-1 for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l cpu-period -d 'CPU CFS period in microseconds' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-1,3)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l pids-limit -d 'Process limit (default 2048 where the pids controller is delegated; -1 for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l blkio-weight -d 'Block I/O weight (10-1000)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l oom-score-adj -d 'The container process\'s OOM score adjustment (-1000 to 1000)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l health-cmd -d 'The healthcheck command: a shell command line, a JSON array (["CMD","a","b"] or ["CMD-SHELL","…"]), or none to disable the image\'s' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l health-interval -d 'Time between checks (default 30s); disable: never scheduled' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l health-timeout -d 'Time a check may take before it is killed and counts as failed (default 30s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l health-retries -d 'Failures in a row that make the container unhealthy (default 3)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l health-start-period -d 'Time after start during which failures do not count (default 0s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l health-start-interval -d 'Time between checks during the start period (default: the interval)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l health-startup-cmd -d 'A startup check that runs until it passes, before the regular one' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l health-startup-interval -d 'Time between startup checks (default 30s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l health-startup-retries -d 'Startup failures after which the container is restarted (default 0: never)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l health-startup-success -d 'Startup successes in a row that pass it (default 0: the first)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l health-startup-timeout -d 'Time a startup check may take (default 30s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l health-on-failure -d 'What to do when the container turns unhealthy: none, kill, restart or stop' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l health-log-destination -d 'Where the check results go: local, events_logger or a folder' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l health-max-log-count -d 'Results kept in the health log (default 5; 0: all)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l health-max-log-size -d 'Characters of output kept per result (default 500; 0: all)' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l sdnotify -d 'Who tells systemd the unit is ready: conmon (rcon, once the container runs), container (the container, through $NOTIFY_SOCKET) or ignore' -r
complete -c rcon -n "__fish_rcon_using_subcommand create" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand create" -s d -l detach -d 'Run in the background and print the container ID'
complete -c rcon -n "__fish_rcon_using_subcommand create" -s i -l interactive -d 'Keep stdin open and pass it to the container'
complete -c rcon -n "__fish_rcon_using_subcommand create" -s t -l tty -d 'Give the container a terminal'
complete -c rcon -n "__fish_rcon_using_subcommand create" -l rm -d 'Remove the container when it exits'
complete -c rcon -n "__fish_rcon_using_subcommand create" -l rmi -d 'With --rm: remove the image too when the container ends, unless another uses it'
complete -c rcon -n "__fish_rcon_using_subcommand create" -l unsetenv-all -d 'Leave out every default, containers.conf and image environment variable'
complete -c rcon -n "__fish_rcon_using_subcommand create" -l privileged -d 'Give the container all capabilities and unmasked /proc and /sys'
complete -c rcon -n "__fish_rcon_using_subcommand create" -l read-only -d 'Mount the root filesystem read-only'
complete -c rcon -n "__fish_rcon_using_subcommand create" -l init -d 'Run a small init as PID 1 that forwards signals and reaps zombies'
complete -c rcon -n "__fish_rcon_using_subcommand create" -s P -l publish-all -d 'Publish every port the image exposes on a random host port'
complete -c rcon -n "__fish_rcon_using_subcommand create" -l no-hosts -d 'Keep the image\'s /etc/hosts instead of generating one'
complete -c rcon -n "__fish_rcon_using_subcommand create" -l replace -d 'Replace a container that has the same name'
complete -c rcon -n "__fish_rcon_using_subcommand create" -s q -l quiet -d 'Print no pull progress'
complete -c rcon -n "__fish_rcon_using_subcommand create" -l no-healthcheck -d 'Run no healthcheck, not even the image\'s'
complete -c rcon -n "__fish_rcon_using_subcommand create" -l help -d 'Print help'
complete -c rcon -n "__fish_rcon_using_subcommand create" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand start" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand start" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand start" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand start" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand start" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand start" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand start" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand start" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand start" -l detach-keys -d 'Keys that detach from the container' -r
complete -c rcon -n "__fish_rcon_using_subcommand start" -l sig-proxy -d 'Forward the signals rcon receives to the container (with --attach)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand start" -s f -l filter -d 'Start only the containers that match: status=, name=, id=, label=, exited=, restart-policy=, pod=, stopped-by-user=' -r
complete -c rcon -n "__fish_rcon_using_subcommand start" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand start" -s a -l attach -d 'Attach to the container\'s output (and exit with its code)'
complete -c rcon -n "__fish_rcon_using_subcommand start" -s i -l interactive -d 'Pass stdin to the container (with --attach)'
complete -c rcon -n "__fish_rcon_using_subcommand start" -l all -d 'Start every container that is not running'
complete -c rcon -n "__fish_rcon_using_subcommand start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand start" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand stop" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand stop" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand stop" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand stop" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand stop" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand stop" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand stop" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand stop" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand stop" -s t -l time -l timeout -d 'Seconds to wait for the stop signal to work before SIGKILL (default: the container\'s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand stop" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand stop" -s a -l all -d 'Stop every running container'
complete -c rcon -n "__fish_rcon_using_subcommand stop" -s i -l ignore -d 'Ignore containers that do not exist'
complete -c rcon -n "__fish_rcon_using_subcommand stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand stop" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand kill" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kill" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kill" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kill" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand kill" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand kill" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand kill" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand kill" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kill" -s s -l signal -d 'Signal to send (name or number, a leading dash allowed: -9, -HUP)' -r
complete -c rcon -n "__fish_rcon_using_subcommand kill" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand kill" -s a -l all -d 'Signal every running container'
complete -c rcon -n "__fish_rcon_using_subcommand kill" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand kill" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand restart" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand restart" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand restart" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand restart" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand restart" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand restart" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand restart" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand restart" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand restart" -s t -l time -l timeout -d 'Seconds to wait for the stop signal to work before SIGKILL' -r
complete -c rcon -n "__fish_rcon_using_subcommand restart" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand restart" -s a -l all -d 'Restart every container'
complete -c rcon -n "__fish_rcon_using_subcommand restart" -l running -d 'Restart only running containers (with --all)'
complete -c rcon -n "__fish_rcon_using_subcommand restart" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand restart" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand rm" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand rm" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand rm" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand rm" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand rm" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand rm" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand rm" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand rm" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand rm" -s t -l time -d 'With --force, seconds to wait for the stop signal before SIGKILL (default: SIGKILL now)' -r
complete -c rcon -n "__fish_rcon_using_subcommand rm" -l cidfile -d 'Remove the container whose ID this file holds, then the file (repeatable)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand rm" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand rm" -s f -l force -d 'Remove running containers too (killing them first), and pass over missing ones'
complete -c rcon -n "__fish_rcon_using_subcommand rm" -s a -l all -d 'Remove every container'
complete -c rcon -n "__fish_rcon_using_subcommand rm" -s v -l volumes -d 'Remove the container\'s anonymous volumes'
complete -c rcon -n "__fish_rcon_using_subcommand rm" -s i -l ignore -d 'Ignore containers that do not exist'
complete -c rcon -n "__fish_rcon_using_subcommand rm" -l depend -d 'Remove the containers that depend on these too (--requires, --network container:, a pod\'s members for its infra, which then goes with its pod)'
complete -c rcon -n "__fish_rcon_using_subcommand rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand rm" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand ps" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand ps" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand ps" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand ps" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand ps" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand ps" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand ps" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand ps" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand ps" -s f -l filter -d 'Filter: status=, name=, label=KEY[=VALUE], ancestor=IMAGE, id=, exited=CODE, pod=, restart-policy=, stopped-by-user=true|false' -r
complete -c rcon -n "__fish_rcon_using_subcommand ps" -l format -d 'Output: json, or a Go template such as \'{{.ID}} {{.Names}}\'' -r
complete -c rcon -n "__fish_rcon_using_subcommand ps" -s n -l last -d 'Show the N most recently created containers (all states)' -r
complete -c rcon -n "__fish_rcon_using_subcommand ps" -l sort -d 'Sort by command, created (oldest first), id, image, names, runningfor or status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
status\t''"
complete -c rcon -n "__fish_rcon_using_subcommand ps" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand ps" -s a -l all -d 'Show all containers (default: only running ones)'
complete -c rcon -n "__fish_rcon_using_subcommand ps" -s q -l quiet -d 'Print only the container IDs'
complete -c rcon -n "__fish_rcon_using_subcommand ps" -l no-trunc -d 'Do not truncate IDs and commands'
complete -c rcon -n "__fish_rcon_using_subcommand ps" -s l -l latest -d 'Show the most recently created container (all states)'
complete -c rcon -n "__fish_rcon_using_subcommand ps" -s s -l size -d 'Show the size of each container\'s writable layer'
complete -c rcon -n "__fish_rcon_using_subcommand ps" -l noheading -d 'Do not print the header'
complete -c rcon -n "__fish_rcon_using_subcommand ps" -l external -d 'Also show containers that are steps of a running or killed `rcon build`'
complete -c rcon -n "__fish_rcon_using_subcommand ps" -l pod -d 'Show each container\'s pod (ID and name)'
complete -c rcon -n "__fish_rcon_using_subcommand ps" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand ps" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand wait" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand wait" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand wait" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand wait" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand wait" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand wait" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand wait" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand wait" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand wait" -l condition -d 'Condition to wait for: stopped (ended, or never started), exited, running, created, paused, healthy or unhealthy' -r
complete -c rcon -n "__fish_rcon_using_subcommand wait" -s i -l interval -d 'Longest pause between checks (e.g. 250ms, 1s); the first checks come sooner' -r
complete -c rcon -n "__fish_rcon_using_subcommand wait" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand wait" -l ignore -d 'Ignore containers that do not exist'
complete -c rcon -n "__fish_rcon_using_subcommand wait" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand wait" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand rename" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand rename" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand rename" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand rename" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand rename" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand rename" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand rename" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand rename" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand rename" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand rename" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand rename" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand logs" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand logs" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand logs" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand logs" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand logs" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand logs" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand logs" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand logs" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand logs" -l tail -d 'Show only the last N lines (-1: all)' -r
complete -c rcon -n "__fish_rcon_using_subcommand logs" -l since -d 'Show lines since this time (RFC 3339, Unix seconds, or a duration such as 10m)' -r
complete -c rcon -n "__fish_rcon_using_subcommand logs" -l until -d 'Show lines until this time (RFC 3339, Unix seconds, or a duration such as 10m)' -r
complete -c rcon -n "__fish_rcon_using_subcommand logs" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand logs" -s f -l follow -d 'Follow the output until the container ends'
complete -c rcon -n "__fish_rcon_using_subcommand logs" -s t -l timestamps -d 'Show the time stamp of each line'
complete -c rcon -n "__fish_rcon_using_subcommand logs" -s n -l names -d 'Prefix each line with the container\'s name'
complete -c rcon -n "__fish_rcon_using_subcommand logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand logs" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand attach" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand attach" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand attach" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand attach" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand attach" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand attach" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand attach" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand attach" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand attach" -l detach-keys -d 'Keys that detach from the container' -r
complete -c rcon -n "__fish_rcon_using_subcommand attach" -l sig-proxy -d 'Forward the signals rcon receives to the container' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand attach" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand attach" -l no-stdin -d 'Do not attach stdin'
complete -c rcon -n "__fish_rcon_using_subcommand attach" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand attach" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand exec" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand exec" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand exec" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand exec" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand exec" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand exec" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand exec" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand exec" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand exec" -l detach-keys -d 'Keys that detach from a `-it` session, leaving the command running (empty: none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand exec" -s e -l env -d 'Set an environment variable (NAME=VALUE, or NAME for the host\'s value)' -r
complete -c rcon -n "__fish_rcon_using_subcommand exec" -l env-file -d 'Read environment variables from a file of NAME=VALUE lines' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand exec" -l preserve-fds -d 'Pass N more descriptors (3 to 3+N-1) to the command' -r
complete -c rcon -n "__fish_rcon_using_subcommand exec" -s u -l user -d 'Run as this user: NAME or UID, optionally :GROUP or :GID (the container\'s own files)' -r
complete -c rcon -n "__fish_rcon_using_subcommand exec" -s w -l workdir -d 'Working folder inside the container (default: the container\'s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand exec" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand exec" -s d -l detach -d 'Run the command in the background; it is reparented to the container\'s first process'
complete -c rcon -n "__fish_rcon_using_subcommand exec" -s i -l interactive -d 'Pass stdin to the command'
complete -c rcon -n "__fish_rcon_using_subcommand exec" -l privileged -d 'Give the command every capability'
complete -c rcon -n "__fish_rcon_using_subcommand exec" -s t -l tty -d 'Give the command a pseudo-terminal'
complete -c rcon -n "__fish_rcon_using_subcommand exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand exec" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -f -a "run" -d 'Run a container\'s healthcheck once: exit 0 healthy, 1 unhealthy'
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and not __fish_seen_subcommand_from run help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run a container\'s healthcheck once: exit 0 healthy, 1 unhealthy'
complete -c rcon -n "__fish_rcon_using_subcommand healthcheck; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand top" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand top" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand top" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand top" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand top" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand top" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand top" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand top" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand top" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand top" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand top" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand stats" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand stats" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand stats" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand stats" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand stats" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand stats" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand stats" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand stats" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand stats" -l format -d 'Output: json, or a Go template such as \'{{.Name}} {{.CPUPerc}}\'' -r
complete -c rcon -n "__fish_rcon_using_subcommand stats" -s i -l interval -d 'Seconds between readings' -r
complete -c rcon -n "__fish_rcon_using_subcommand stats" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand stats" -s a -l all -d 'Show all containers (only running ones have figures)'
complete -c rcon -n "__fish_rcon_using_subcommand stats" -l no-stream -d 'Print one reading and exit'
complete -c rcon -n "__fish_rcon_using_subcommand stats" -s l -l latest -d 'Use the latest created container'
complete -c rcon -n "__fish_rcon_using_subcommand stats" -l no-trunc -d 'Do not cut IDs'
complete -c rcon -n "__fish_rcon_using_subcommand stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand stats" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand update" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand update" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand update" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand update" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand update" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand update" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand update" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand update" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand update" -s m -l memory -d 'Memory limit (e.g. 512m, 1g; -1 for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand update" -l memory-swap -d 'Memory plus swap limit (-1 for unlimited swap)' -r
complete -c rcon -n "__fish_rcon_using_subcommand update" -l memory-reservation -d 'Memory soft limit (memory.low)' -r
complete -c rcon -n "__fish_rcon_using_subcommand update" -l cpus -d 'Number of CPUs (e.g. 0.5): a CFS quota per 100ms period' -r
complete -c rcon -n "__fish_rcon_using_subcommand update" -s c -l cpu-shares -d 'CPU shares (relative weight, cgroup v1 scale 2-262144)' -r
complete -c rcon -n "__fish_rcon_using_subcommand update" -l cpu-weight -d 'CPU weight (cgroup v2 scale 1-10000)' -r
complete -c rcon -n "__fish_rcon_using_subcommand update" -l cpu-quota -d 'CPU CFS quota in microseconds per period (-1 for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand update" -l cpu-period -d 'CPU CFS period in microseconds' -r
complete -c rcon -n "__fish_rcon_using_subcommand update" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-1,3)' -r
complete -c rcon -n "__fish_rcon_using_subcommand update" -l pids-limit -d 'Process limit (default 2048 where the pids controller is delegated; -1 for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand update" -l blkio-weight -d 'Block I/O weight (10-1000)' -r
complete -c rcon -n "__fish_rcon_using_subcommand update" -l oom-score-adj -d 'The container process\'s OOM score adjustment (-1000 to 1000)' -r
complete -c rcon -n "__fish_rcon_using_subcommand update" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand update" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand pause" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pause" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pause" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pause" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand pause" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pause" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand pause" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pause" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pause" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand pause" -s a -l all -d 'Every running (or paused) container'
complete -c rcon -n "__fish_rcon_using_subcommand pause" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand pause" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand unpause" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand unpause" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand unpause" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand unpause" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand unpause" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand unpause" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand unpause" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand unpause" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand unpause" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand unpause" -s a -l all -d 'Every running (or paused) container'
complete -c rcon -n "__fish_rcon_using_subcommand unpause" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand unpause" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand port" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand port" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand port" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand port" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand port" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand port" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand port" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand port" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand port" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand port" -s a -l all -d 'Every container\'s ports, each line prefixed with the container\'s short ID'
complete -c rcon -n "__fish_rcon_using_subcommand port" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand port" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand cp" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand cp" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand cp" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand cp" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand cp" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand cp" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand cp" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand cp" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand cp" -s a -l archive -d 'Files copied into a container belong to its user (the image\'s USER or --user); `--archive=false` keeps the owners the archive names' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand cp" -l pause -d 'Accepted for Podman\'s scripts: rcon copies without pausing the container' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand cp" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand cp" -s L -l follow-link -d 'Kept for Docker\'s scripts: cp always follows a symlink given as the source, as Podman does (inside the container: never out of it)'
complete -c rcon -n "__fish_rcon_using_subcommand cp" -l overwrite -d 'Let a file replace a folder of the same name, or a folder a file (refused otherwise)'
complete -c rcon -n "__fish_rcon_using_subcommand cp" -l no-follow-source -d 'Copy a symlink given as the source as a symlink (Docker\'s API form: its clients follow links themselves)'
complete -c rcon -n "__fish_rcon_using_subcommand cp" -s q -l quiet -d 'Print nothing (rcon prints no progress anyway)'
complete -c rcon -n "__fish_rcon_using_subcommand cp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand cp" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand commit" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand commit" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand commit" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand commit" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand commit" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand commit" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand commit" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand commit" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand commit" -s a -l author -d 'The author of the new image' -r
complete -c rcon -n "__fish_rcon_using_subcommand commit" -s c -l change -d 'A Containerfile instruction for the image config: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, WORKDIR, VOLUME or STOPSIGNAL (repeatable)' -r
complete -c rcon -n "__fish_rcon_using_subcommand commit" -s f -l format -d 'Manifest and config format of the new image' -r -f -a "oci\t'OCI image manifest and config'
docker\t'Docker schema 2 manifest and config'"
complete -c rcon -n "__fish_rcon_using_subcommand commit" -s m -l message -d 'The commit message (the image history\'s comment)' -r
complete -c rcon -n "__fish_rcon_using_subcommand commit" -l source-date-epoch -d 'Seconds since the epoch: the image\'s creation time, and the latest time any file of the new layer carries (reproducible images)' -r
complete -c rcon -n "__fish_rcon_using_subcommand commit" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand commit" -s p -l pause -d 'Freeze the container while its changes are read (a running container with a cgroup)'
complete -c rcon -n "__fish_rcon_using_subcommand commit" -s q -l quiet -d 'Print only the image ID'
complete -c rcon -n "__fish_rcon_using_subcommand commit" -s s -l squash -d 'Squash the image\'s layers into one (not supported yet)'
complete -c rcon -n "__fish_rcon_using_subcommand commit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand commit" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand save" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand save" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand save" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand save" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand save" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand save" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand save" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand save" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand save" -s o -l output -d 'Write to FILE (a folder for oci-dir and docker-dir) instead of standard output' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand save" -l format -d 'Archive format: docker-archive, oci-archive, oci-dir or docker-dir' -r
complete -c rcon -n "__fish_rcon_using_subcommand save" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand save" -s m -l multi-image-archive -d 'Save every IMAGE into one docker-archive (without it, further arguments are extra names for the first image)'
complete -c rcon -n "__fish_rcon_using_subcommand save" -l compress -d 'Compress uncompressed layers with gzip'
complete -c rcon -n "__fish_rcon_using_subcommand save" -l uncompressed -d 'Write every layer uncompressed (without it, layers stored gzip-compressed are written as they are, in a docker-archive too)'
complete -c rcon -n "__fish_rcon_using_subcommand save" -s q -l quiet -d 'Print nothing but errors (rcon prints no progress anyway)'
complete -c rcon -n "__fish_rcon_using_subcommand save" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand save" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand load" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand load" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand load" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand load" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand load" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand load" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand load" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand load" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand load" -s i -l input -d 'Read the archive from FILE (or an oci-dir or docker-dir folder) instead of standard input' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand load" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand load" -s q -l quiet -d 'Print nothing but the loaded names (rcon prints no progress anyway)'
complete -c rcon -n "__fish_rcon_using_subcommand load" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand load" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand export" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand export" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand export" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand export" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand export" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand export" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand export" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand export" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand export" -s o -l output -d 'Write to FILE instead of standard output' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand export" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand export" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand import" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand import" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand import" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand import" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand import" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand import" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand import" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand import" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand import" -s c -l change -d 'A Containerfile instruction for the image config: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME or WORKDIR (repeatable; `CMD=/bin/sh` also works)' -r
complete -c rcon -n "__fish_rcon_using_subcommand import" -s m -l message -d 'The commit message (the image history\'s comment)' -r
complete -c rcon -n "__fish_rcon_using_subcommand import" -l platform -d 'The image\'s platform, OS/ARCH[/VARIANT] (default: this host\'s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand import" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand import" -s q -l quiet -d 'Print only the image ID (rcon prints nothing else anyway)'
complete -c rcon -n "__fish_rcon_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand import" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "run" -d 'Run a command in a new container'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "create" -d 'Create a container without starting it'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "start" -d 'Start one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "stop" -d 'Stop one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "kill" -d 'Send a signal to one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "restart" -d 'Restart one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "rm" -d 'Remove one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "ls" -d 'List containers'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "list" -d 'List containers'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "ps" -d 'List containers'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "inspect" -d 'Display the configuration of containers'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "rename" -d 'Rename a container'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "prune" -d 'Remove all containers that are not running'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "exists" -d 'Exit 0 when the container exists, 1 when not'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "attach" -d 'Attach to a running container'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "logs" -d 'Fetch the logs of one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "exec" -d 'Run a process in a running container'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "top" -d 'Display the running processes of a container'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "port" -d 'List the published ports of a container'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "cp" -d 'Copy files between a container and the host'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "diff" -d 'Inspect changes on a container\'s filesystem'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "mount" -d 'Mount a container\'s root filesystem (inside `rcon unshare`)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "umount" -d 'Unmount a container\'s root filesystem'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "unmount" -d 'Unmount a container\'s root filesystem'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "export" -d 'Export a container\'s root filesystem as a tar'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "runlabel" -d 'Run the command an image keeps in a label (INSTALL, RUN, UNINSTALL …)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm ls list ps inspect rename wait prune exists attach logs exec top port cp commit diff mount umount unmount export runlabel help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -s a -l attach -d 'Attach only these of the container\'s streams: stdin, stdout, stderr (repeatable)' -r -f -a "stdin\t''
stdout\t''
stderr\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l name -d 'Name of the container (default: a generated adjective_surname)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l tz -d 'The container\'s time zone (a zone name such as Europe/Paris, or local: the host\'s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l conmon-pidfile -d 'Write the pid of the container\'s supervisor (Podman\'s conmon) to this file' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l kernel-memory -d 'Accepted for Docker\'s and Podman\'s scripts: cgroup v2 has no kernel memory limit' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -s e -l env -d 'Set an environment variable (NAME=VALUE, or NAME for the host\'s value)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l preserve-fds -d 'Pass N more descriptors (3 to 3+N-1) of rcon\'s to the container\'s process (run only)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l hostuser -d 'Add this host user (name or uid) to the container\'s /etc/passwd (repeatable)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l timeout -d 'Kill the container after this many seconds (0: no limit); it exits with -1' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l unsetenv -d 'Leave out this default or image environment variable (TERM, container, PATH…)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l env-file -d 'Read environment variables from a file (NAME=VALUE lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l secret -d 'Give the container a secret (`rcon secret create`): a file, /run/secrets/NAME unless target= says, or with type=env a variable: NAME[,type=mount|env][,target=…][,mode=…]' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l env-host -d 'Pass the whole host environment into the container' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l http-proxy -d 'Pass the proxy variables of rcon\'s environment (http_proxy, https_proxy, ftp_proxy, no_proxy, also upper-case) into the container (default: containers.conf\'s http_proxy, else true); --env-file and --env override them' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -s u -l user -d 'User (name or uid) and optionally group to run as: USER[:GROUP]' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l group-add -d 'Additional groups to run as' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l entrypoint -d 'Override the image\'s entrypoint (a command, or a JSON array)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -s h -l hostname -d 'Container host name (default: the short container ID)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-add -d 'Add capabilities (CAP_X, X or ALL)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-drop -d 'Drop capabilities (CAP_X, X or ALL)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l security-opt -d 'Security options: no-new-privileges[=BOOL], seccomp=unconfined|PATH (an OCI/Docker JSON profile; default: the built-in one), label=disable, apparmor=unconfined' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only-tmpfs -d 'With --read-only, mount tmpfs on /run, /tmp and /var/tmp' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-signal -d 'Signal that stops the container (default: the image\'s, else SIGTERM)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-timeout -d 'Seconds to wait after the stop signal before SIGKILL (default: containers.conf\'s stop_timeout, else 10)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l tmpfs -d 'Mount a tmpfs: PATH[:OPTIONS]' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -s v -l volume -d 'Bind mount or volume: [SOURCE:]DEST[:ro|rw,z,Z,U,O,nocopy]' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l mount -d 'Mount: type=bind|volume|tmpfs|image,source=…,target=…[,readonly,…]' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l volumes-from -d 'Mount the volumes and bind mounts of another container: CONTAINER[:ro|rw]' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l image-volume -d 'What the image\'s VOLUMEs become: bind (anonymous volumes), tmpfs or ignore (default: containers.conf\'s image_volume_mode, else bind)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l ulimit -d 'Resource limit: NAME=SOFT[:HARD]' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -s l -l label -d 'Set a label: KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l label-file -d 'Read labels from a file (KEY=VALUE lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l annotation -d 'Add an annotation to the container (its OCI spec): KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l network -l net -d 'Network: slirp4netns[:OPTIONS], pasta[:OPTIONS], host, none (only lo), ns:PATH or container:NAME (share that running container\'s network) (default pasta where installed, else slirp4netns; containers.conf\'s default_rootless_network_cmd decides), or the names of networks (repeat it, or separate by commas)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l pod -d 'Run in this pod (name or ID), or in a new one: new:NAME' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l requires -d 'Containers to start before this one (names or IDs, repeatable or comma-separated)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l init-ctr -d 'In a pod: an init container, run to its end before the others start, at every pod start (always) or the first only (once)' -r -f -a "always\t''
once\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l pod-id-file -d 'Run in the pod whose ID this file holds' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l network-alias -d 'Another name for the container on its networks' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -s p -l publish -d 'Publish a container\'s port on the host: [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|/udp] (ranges as 8000-8010; no host port: a random one)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l add-host -d 'Add a line to /etc/hosts: NAME:IP (host-gateway as IP names the host)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l dns -d 'DNS server for /etc/resolv.conf (replaces the host\'s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-search -d 'DNS search domain for /etc/resolv.conf ("." for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-option -l dns-opt -d 'Option for /etc/resolv.conf (ndots:2, edns0)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l userns -d 'User namespace: private, keep-id[:uid=N,gid=N], nomap or auto[:size=N]' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l ipc -d 'IPC namespace: shareable (its own, others may join; the default), private, host, none (also no /dev/shm), container:NAME (join that container\'s) or ns:PATH' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l uidmap -d 'A uid range of the container\'s own user namespace: CONTAINER:STORE:SIZE (STORE ids are the store\'s namespace\'s: 0 is you); repeatable' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l gidmap -d 'A gid range, as --uidmap (default: the --uidmap ranges)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l log-driver -d 'Log driver: k8s-file, journald, none or passthrough (json-file: k8s-file) (default: containers.conf\'s log_driver, else k8s-file)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l log-opt -d 'Log driver options: max-size=SIZE, tag=TAG' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l pull -d 'Pull the image: always, missing, never or newer' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l cidfile -d 'Write the container ID to this file' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l detach-keys -d 'Keys that detach from the container (e.g. ctrl-p,ctrl-q; empty to disable)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l sig-proxy -d 'Forward the signals rcon receives to the container' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l platform -d 'Platform of the image to pull (os/arch[/variant])' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l authfile -d 'Path of the authentication file (default: containers-auth.json locations)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l cert-dir -d 'Folder of certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -s m -l memory -d 'Memory limit (e.g. 512m, 1g; -1 for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-swap -d 'Memory plus swap limit (-1 for unlimited swap)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-reservation -d 'Memory soft limit (memory.low)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l cpus -d 'Number of CPUs (e.g. 0.5): a CFS quota per 100ms period' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -s c -l cpu-shares -d 'CPU shares (relative weight, cgroup v1 scale 2-262144)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-weight -d 'CPU weight (cgroup v2 scale 1-10000)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-quota -d 'CPU CFS quota in microseconds per period (-1 for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-period -d 'CPU CFS period in microseconds' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-1,3)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l pids-limit -d 'Process limit (default 2048 where the pids controller is delegated; -1 for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l blkio-weight -d 'Block I/O weight (10-1000)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l oom-score-adj -d 'The container process\'s OOM score adjustment (-1000 to 1000)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l health-cmd -d 'The healthcheck command: a shell command line, a JSON array (["CMD","a","b"] or ["CMD-SHELL","…"]), or none to disable the image\'s' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l health-interval -d 'Time between checks (default 30s); disable: never scheduled' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l health-timeout -d 'Time a check may take before it is killed and counts as failed (default 30s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l health-retries -d 'Failures in a row that make the container unhealthy (default 3)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l health-start-period -d 'Time after start during which failures do not count (default 0s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l health-start-interval -d 'Time between checks during the start period (default: the interval)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l health-startup-cmd -d 'A startup check that runs until it passes, before the regular one' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l health-startup-interval -d 'Time between startup checks (default 30s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l health-startup-retries -d 'Startup failures after which the container is restarted (default 0: never)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l health-startup-success -d 'Startup successes in a row that pass it (default 0: the first)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l health-startup-timeout -d 'Time a startup check may take (default 30s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l health-on-failure -d 'What to do when the container turns unhealthy: none, kill, restart or stop' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l health-log-destination -d 'Where the check results go: local, events_logger or a folder' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l health-max-log-count -d 'Results kept in the health log (default 5; 0: all)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l health-max-log-size -d 'Characters of output kept per result (default 500; 0: all)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l sdnotify -d 'Who tells systemd the unit is ready: conmon (rcon, once the container runs), container (the container, through $NOTIFY_SOCKET) or ignore' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -s d -l detach -d 'Run in the background and print the container ID'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -s i -l interactive -d 'Keep stdin open and pass it to the container'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -s t -l tty -d 'Give the container a terminal'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l rm -d 'Remove the container when it exits'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l rmi -d 'With --rm: remove the image too when the container ends, unless another uses it'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l unsetenv-all -d 'Leave out every default, containers.conf and image environment variable'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l privileged -d 'Give the container all capabilities and unmasked /proc and /sys'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only -d 'Mount the root filesystem read-only'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l init -d 'Run a small init as PID 1 that forwards signals and reaps zombies'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -s P -l publish-all -d 'Publish every port the image exposes on a random host port'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l no-hosts -d 'Keep the image\'s /etc/hosts instead of generating one'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l replace -d 'Replace a container that has the same name'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Print no pull progress'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l no-healthcheck -d 'Run no healthcheck, not even the image\'s'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -l help -d 'Print help'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from run" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -s a -l attach -d 'Attach only these of the container\'s streams: stdin, stdout, stderr (repeatable)' -r -f -a "stdin\t''
stdout\t''
stderr\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l name -d 'Name of the container (default: a generated adjective_surname)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l tz -d 'The container\'s time zone (a zone name such as Europe/Paris, or local: the host\'s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l conmon-pidfile -d 'Write the pid of the container\'s supervisor (Podman\'s conmon) to this file' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l kernel-memory -d 'Accepted for Docker\'s and Podman\'s scripts: cgroup v2 has no kernel memory limit' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -s e -l env -d 'Set an environment variable (NAME=VALUE, or NAME for the host\'s value)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l preserve-fds -d 'Pass N more descriptors (3 to 3+N-1) of rcon\'s to the container\'s process (run only)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l hostuser -d 'Add this host user (name or uid) to the container\'s /etc/passwd (repeatable)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l timeout -d 'Kill the container after this many seconds (0: no limit); it exits with -1' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l unsetenv -d 'Leave out this default or image environment variable (TERM, container, PATH…)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l env-file -d 'Read environment variables from a file (NAME=VALUE lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l secret -d 'Give the container a secret (`rcon secret create`): a file, /run/secrets/NAME unless target= says, or with type=env a variable: NAME[,type=mount|env][,target=…][,mode=…]' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l env-host -d 'Pass the whole host environment into the container' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l http-proxy -d 'Pass the proxy variables of rcon\'s environment (http_proxy, https_proxy, ftp_proxy, no_proxy, also upper-case) into the container (default: containers.conf\'s http_proxy, else true); --env-file and --env override them' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -s u -l user -d 'User (name or uid) and optionally group to run as: USER[:GROUP]' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l group-add -d 'Additional groups to run as' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l entrypoint -d 'Override the image\'s entrypoint (a command, or a JSON array)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -s h -l hostname -d 'Container host name (default: the short container ID)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-add -d 'Add capabilities (CAP_X, X or ALL)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-drop -d 'Drop capabilities (CAP_X, X or ALL)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l security-opt -d 'Security options: no-new-privileges[=BOOL], seccomp=unconfined|PATH (an OCI/Docker JSON profile; default: the built-in one), label=disable, apparmor=unconfined' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only-tmpfs -d 'With --read-only, mount tmpfs on /run, /tmp and /var/tmp' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-signal -d 'Signal that stops the container (default: the image\'s, else SIGTERM)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-timeout -d 'Seconds to wait after the stop signal before SIGKILL (default: containers.conf\'s stop_timeout, else 10)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l tmpfs -d 'Mount a tmpfs: PATH[:OPTIONS]' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -s v -l volume -d 'Bind mount or volume: [SOURCE:]DEST[:ro|rw,z,Z,U,O,nocopy]' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l mount -d 'Mount: type=bind|volume|tmpfs|image,source=…,target=…[,readonly,…]' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l volumes-from -d 'Mount the volumes and bind mounts of another container: CONTAINER[:ro|rw]' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l image-volume -d 'What the image\'s VOLUMEs become: bind (anonymous volumes), tmpfs or ignore (default: containers.conf\'s image_volume_mode, else bind)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l ulimit -d 'Resource limit: NAME=SOFT[:HARD]' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -s l -l label -d 'Set a label: KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l label-file -d 'Read labels from a file (KEY=VALUE lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l annotation -d 'Add an annotation to the container (its OCI spec): KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l network -l net -d 'Network: slirp4netns[:OPTIONS], pasta[:OPTIONS], host, none (only lo), ns:PATH or container:NAME (share that running container\'s network) (default pasta where installed, else slirp4netns; containers.conf\'s default_rootless_network_cmd decides), or the names of networks (repeat it, or separate by commas)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l pod -d 'Run in this pod (name or ID), or in a new one: new:NAME' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l requires -d 'Containers to start before this one (names or IDs, repeatable or comma-separated)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l init-ctr -d 'In a pod: an init container, run to its end before the others start, at every pod start (always) or the first only (once)' -r -f -a "always\t''
once\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l pod-id-file -d 'Run in the pod whose ID this file holds' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l network-alias -d 'Another name for the container on its networks' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a container\'s port on the host: [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|/udp] (ranges as 8000-8010; no host port: a random one)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l add-host -d 'Add a line to /etc/hosts: NAME:IP (host-gateway as IP names the host)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l dns -d 'DNS server for /etc/resolv.conf (replaces the host\'s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-search -d 'DNS search domain for /etc/resolv.conf ("." for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-option -l dns-opt -d 'Option for /etc/resolv.conf (ndots:2, edns0)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l userns -d 'User namespace: private, keep-id[:uid=N,gid=N], nomap or auto[:size=N]' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l ipc -d 'IPC namespace: shareable (its own, others may join; the default), private, host, none (also no /dev/shm), container:NAME (join that container\'s) or ns:PATH' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l uidmap -d 'A uid range of the container\'s own user namespace: CONTAINER:STORE:SIZE (STORE ids are the store\'s namespace\'s: 0 is you); repeatable' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l gidmap -d 'A gid range, as --uidmap (default: the --uidmap ranges)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l log-driver -d 'Log driver: k8s-file, journald, none or passthrough (json-file: k8s-file) (default: containers.conf\'s log_driver, else k8s-file)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l log-opt -d 'Log driver options: max-size=SIZE, tag=TAG' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l pull -d 'Pull the image: always, missing, never or newer' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l cidfile -d 'Write the container ID to this file' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l detach-keys -d 'Keys that detach from the container (e.g. ctrl-p,ctrl-q; empty to disable)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l sig-proxy -d 'Forward the signals rcon receives to the container' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l platform -d 'Platform of the image to pull (os/arch[/variant])' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l authfile -d 'Path of the authentication file (default: containers-auth.json locations)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l cert-dir -d 'Folder of certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -s m -l memory -d 'Memory limit (e.g. 512m, 1g; -1 for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swap -d 'Memory plus swap limit (-1 for unlimited swap)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-reservation -d 'Memory soft limit (memory.low)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l cpus -d 'Number of CPUs (e.g. 0.5): a CFS quota per 100ms period' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -s c -l cpu-shares -d 'CPU shares (relative weight, cgroup v1 scale 2-262144)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-weight -d 'CPU weight (cgroup v2 scale 1-10000)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-quota -d 'CPU CFS quota in microseconds per period (-1 for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-period -d 'CPU CFS period in microseconds' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-1,3)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l pids-limit -d 'Process limit (default 2048 where the pids controller is delegated; -1 for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l blkio-weight -d 'Block I/O weight (10-1000)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l oom-score-adj -d 'The container process\'s OOM score adjustment (-1000 to 1000)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l health-cmd -d 'The healthcheck command: a shell command line, a JSON array (["CMD","a","b"] or ["CMD-SHELL","…"]), or none to disable the image\'s' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l health-interval -d 'Time between checks (default 30s); disable: never scheduled' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l health-timeout -d 'Time a check may take before it is killed and counts as failed (default 30s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l health-retries -d 'Failures in a row that make the container unhealthy (default 3)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l health-start-period -d 'Time after start during which failures do not count (default 0s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l health-start-interval -d 'Time between checks during the start period (default: the interval)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l health-startup-cmd -d 'A startup check that runs until it passes, before the regular one' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l health-startup-interval -d 'Time between startup checks (default 30s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l health-startup-retries -d 'Startup failures after which the container is restarted (default 0: never)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l health-startup-success -d 'Startup successes in a row that pass it (default 0: the first)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l health-startup-timeout -d 'Time a startup check may take (default 30s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l health-on-failure -d 'What to do when the container turns unhealthy: none, kill, restart or stop' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l health-log-destination -d 'Where the check results go: local, events_logger or a folder' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l health-max-log-count -d 'Results kept in the health log (default 5; 0: all)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l health-max-log-size -d 'Characters of output kept per result (default 500; 0: all)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l sdnotify -d 'Who tells systemd the unit is ready: conmon (rcon, once the container runs), container (the container, through $NOTIFY_SOCKET) or ignore' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -s d -l detach -d 'Run in the background and print the container ID'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -s i -l interactive -d 'Keep stdin open and pass it to the container'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -s t -l tty -d 'Give the container a terminal'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l rm -d 'Remove the container when it exits'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l rmi -d 'With --rm: remove the image too when the container ends, unless another uses it'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l unsetenv-all -d 'Leave out every default, containers.conf and image environment variable'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l privileged -d 'Give the container all capabilities and unmasked /proc and /sys'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only -d 'Mount the root filesystem read-only'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l init -d 'Run a small init as PID 1 that forwards signals and reaps zombies'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -s P -l publish-all -d 'Publish every port the image exposes on a random host port'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l no-hosts -d 'Keep the image\'s /etc/hosts instead of generating one'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l replace -d 'Replace a container that has the same name'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no pull progress'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l no-healthcheck -d 'Run no healthcheck, not even the image\'s'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -l help -d 'Print help'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from start" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from start" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from start" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from start" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from start" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from start" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from start" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from start" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from start" -l detach-keys -d 'Keys that detach from the container' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from start" -l sig-proxy -d 'Forward the signals rcon receives to the container (with --attach)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from start" -s f -l filter -d 'Start only the containers that match: status=, name=, id=, label=, exited=, restart-policy=, pod=, stopped-by-user=' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from start" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from start" -s a -l attach -d 'Attach to the container\'s output (and exit with its code)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from start" -s i -l interactive -d 'Pass stdin to the container (with --attach)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from start" -l all -d 'Start every container that is not running'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from stop" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from stop" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from stop" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from stop" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from stop" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from stop" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from stop" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from stop" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from stop" -s t -l time -l timeout -d 'Seconds to wait for the stop signal to work before SIGKILL (default: the container\'s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from stop" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from stop" -s a -l all -d 'Stop every running container'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'Ignore containers that do not exist'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from kill" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from kill" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from kill" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from kill" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from kill" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from kill" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from kill" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from kill" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from kill" -s s -l signal -d 'Signal to send (name or number, a leading dash allowed: -9, -HUP)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from kill" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from kill" -s a -l all -d 'Signal every running container'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from kill" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from restart" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from restart" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from restart" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from restart" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from restart" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from restart" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from restart" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from restart" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from restart" -s t -l time -l timeout -d 'Seconds to wait for the stop signal to work before SIGKILL' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from restart" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from restart" -s a -l all -d 'Restart every container'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from restart" -l running -d 'Restart only running containers (with --all)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from restart" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rm" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rm" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rm" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rm" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rm" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rm" -s t -l time -d 'With --force, seconds to wait for the stop signal before SIGKILL (default: SIGKILL now)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rm" -l cidfile -d 'Remove the container whose ID this file holds, then the file (repeatable)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rm" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove running containers too (killing them first), and pass over missing ones'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every container'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove the container\'s anonymous volumes'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore containers that do not exist'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rm" -l depend -d 'Remove the containers that depend on these too (--requires, --network container:, a pod\'s members for its infra, which then goes with its pod)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: status=, name=, label=KEY[=VALUE], ancestor=IMAGE, id=, exited=CODE, pod=, restart-policy=, stopped-by-user=true|false' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -l format -d 'Output: json, or a Go template such as \'{{.ID}} {{.Names}}\'' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -s n -l last -d 'Show the N most recently created containers (all states)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by command, created (oldest first), id, image, names, runningfor or status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
status\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all containers (default: only running ones)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only the container IDs'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate IDs and commands'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -s l -l latest -d 'Show the most recently created container (all states)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -s s -l size -d 'Show the size of each container\'s writable layer'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print the header'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -l external -d 'Also show containers that are steps of a running or killed `rcon build`'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -l pod -d 'Show each container\'s pod (ID and name)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter: status=, name=, label=KEY[=VALUE], ancestor=IMAGE, id=, exited=CODE, pod=, restart-policy=, stopped-by-user=true|false' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -l format -d 'Output: json, or a Go template such as \'{{.ID}} {{.Names}}\'' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -s n -l last -d 'Show the N most recently created containers (all states)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -l sort -d 'Sort by command, created (oldest first), id, image, names, runningfor or status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
status\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all containers (default: only running ones)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the container IDs'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate IDs and commands'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -s l -l latest -d 'Show the most recently created container (all states)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -s s -l size -d 'Show the size of each container\'s writable layer'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -l noheading -d 'Do not print the header'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -l external -d 'Also show containers that are steps of a running or killed `rcon build`'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -l pod -d 'Show each container\'s pod (ID and name)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -s f -l filter -d 'Filter: status=, name=, label=KEY[=VALUE], ancestor=IMAGE, id=, exited=CODE, pod=, restart-policy=, stopped-by-user=true|false' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -l format -d 'Output: json, or a Go template such as \'{{.ID}} {{.Names}}\'' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -s n -l last -d 'Show the N most recently created containers (all states)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -l sort -d 'Sort by command, created (oldest first), id, image, names, runningfor or status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
status\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -s a -l all -d 'Show all containers (default: only running ones)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Print only the container IDs'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -l no-trunc -d 'Do not truncate IDs and commands'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -s l -l latest -d 'Show the most recently created container (all states)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -s s -l size -d 'Show the size of each container\'s writable layer'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -l noheading -d 'Do not print the header'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -l external -d 'Also show containers that are steps of a running or killed `rcon build`'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -l pod -d 'Show each container\'s pod (ID and name)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from ps" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from inspect" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from inspect" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output with a Go template' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from inspect" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from inspect" -s l -l latest -d 'Inspect the most recently created container (all states)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from inspect" -s s -l size -d 'Show the size of the container\'s writable layer'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rename" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rename" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rename" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rename" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rename" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rename" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rename" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rename" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rename" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from rename" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from wait" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from wait" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from wait" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from wait" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from wait" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from wait" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from wait" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from wait" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from wait" -l condition -d 'Condition to wait for: stopped (ended, or never started), exited, running, created, paused, healthy or unhealthy' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from wait" -s i -l interval -d 'Longest pause between checks (e.g. 250ms, 1s); the first checks come sooner' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from wait" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from wait" -l ignore -d 'Ignore containers that do not exist'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from wait" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from prune" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from prune" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from prune" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from prune" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from prune" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from prune" -l filter -d 'Only containers matching: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from prune" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exists" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exists" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exists" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exists" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exists" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exists" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from attach" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from attach" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from attach" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from attach" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from attach" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from attach" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from attach" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from attach" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from attach" -l detach-keys -d 'Keys that detach from the container' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from attach" -l sig-proxy -d 'Forward the signals rcon receives to the container' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from attach" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from attach" -l no-stdin -d 'Do not attach stdin'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from attach" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from logs" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from logs" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from logs" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from logs" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from logs" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from logs" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from logs" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from logs" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from logs" -l tail -d 'Show only the last N lines (-1: all)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from logs" -l since -d 'Show lines since this time (RFC 3339, Unix seconds, or a duration such as 10m)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from logs" -l until -d 'Show lines until this time (RFC 3339, Unix seconds, or a duration such as 10m)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from logs" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Follow the output until the container ends'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Show the time stamp of each line'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from logs" -s n -l names -d 'Prefix each line with the container\'s name'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from logs" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exec" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exec" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exec" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exec" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exec" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exec" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exec" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exec" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exec" -l detach-keys -d 'Keys that detach from a `-it` session, leaving the command running (empty: none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set an environment variable (NAME=VALUE, or NAME for the host\'s value)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exec" -l env-file -d 'Read environment variables from a file of NAME=VALUE lines' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exec" -l preserve-fds -d 'Pass N more descriptors (3 to 3+N-1) to the command' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exec" -s u -l user -d 'Run as this user: NAME or UID, optionally :GROUP or :GID (the container\'s own files)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'Working folder inside the container (default: the container\'s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exec" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exec" -s d -l detach -d 'Run the command in the background; it is reparented to the container\'s first process'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exec" -s i -l interactive -d 'Pass stdin to the command'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exec" -l privileged -d 'Give the command every capability'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exec" -s t -l tty -d 'Give the command a pseudo-terminal'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from exec" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from top" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from top" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from top" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from top" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from top" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from top" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from top" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from top" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from top" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from top" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from port" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from port" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from port" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from port" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from port" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from port" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from port" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from port" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from port" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from port" -s a -l all -d 'Every container\'s ports, each line prefixed with the container\'s short ID'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from port" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from cp" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from cp" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from cp" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from cp" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from cp" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from cp" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from cp" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from cp" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from cp" -s a -l archive -d 'Files copied into a container belong to its user (the image\'s USER or --user); `--archive=false` keeps the owners the archive names' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from cp" -l pause -d 'Accepted for Podman\'s scripts: rcon copies without pausing the container' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from cp" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from cp" -s L -l follow-link -d 'Kept for Docker\'s scripts: cp always follows a symlink given as the source, as Podman does (inside the container: never out of it)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from cp" -l overwrite -d 'Let a file replace a folder of the same name, or a folder a file (refused otherwise)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from cp" -l no-follow-source -d 'Copy a symlink given as the source as a symlink (Docker\'s API form: its clients follow links themselves)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from cp" -s q -l quiet -d 'Print nothing (rcon prints no progress anyway)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from cp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from cp" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from commit" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from commit" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from commit" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from commit" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from commit" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from commit" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from commit" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from commit" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from commit" -s a -l author -d 'The author of the new image' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from commit" -s c -l change -d 'A Containerfile instruction for the image config: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, WORKDIR, VOLUME or STOPSIGNAL (repeatable)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from commit" -s f -l format -d 'Manifest and config format of the new image' -r -f -a "oci\t'OCI image manifest and config'
docker\t'Docker schema 2 manifest and config'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from commit" -s m -l message -d 'The commit message (the image history\'s comment)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from commit" -l source-date-epoch -d 'Seconds since the epoch: the image\'s creation time, and the latest time any file of the new layer carries (reproducible images)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from commit" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from commit" -s p -l pause -d 'Freeze the container while its changes are read (a running container with a cgroup)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from commit" -s q -l quiet -d 'Print only the image ID'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from commit" -s s -l squash -d 'Squash the image\'s layers into one (not supported yet)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from commit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from commit" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from diff" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from diff" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from diff" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from diff" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from diff" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from diff" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from diff" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from diff" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from diff" -l format -d 'Output as json (`{"changed": […], "added": […], "deleted": […]}`)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from diff" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from diff" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from mount" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from mount" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from mount" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from mount" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from mount" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from mount" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from mount" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from mount" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from mount" -l format -d 'Output the mounted containers as json' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from mount" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from mount" -s a -l all -d 'Mount every container'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from mount" -l no-trunc -l notruncate -d 'Do not truncate IDs'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from mount" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from umount" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from umount" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from umount" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from umount" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from umount" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from umount" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from umount" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from umount" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from umount" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from umount" -s a -l all -d 'Unmount every mounted container'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from umount" -s f -l force -d 'Accepted for Podman\'s sake: a mount is undone even when its container runs'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from umount" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from umount" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from unmount" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from unmount" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from unmount" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from unmount" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from unmount" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from unmount" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from unmount" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from unmount" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from unmount" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from unmount" -s a -l all -d 'Unmount every mounted container'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from unmount" -s f -l force -d 'Accepted for Podman\'s sake: a mount is undone even when its container runs'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from unmount" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from export" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from export" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from export" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from export" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from export" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from export" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from export" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from export" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to FILE instead of standard output' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from export" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -s n -l name -d 'The name NAME stands for in the command (default: the image\'s, without registry and tag)' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l opt1 -d 'The value of $OPT1 in the command' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l opt2 -d 'The value of $OPT2 in the command' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l opt3 -d 'The value of $OPT3 in the command' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l pull -d 'Pull the image when it is not stored (false: it must be)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l authfile -d 'Path of the authentication file (default: containers-auth.json locations)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l cert-dir -d 'Folder of certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l display -d 'Print the command instead of running it'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -s q -l quiet -d 'Print no pull progress and discard the command\'s output'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -l replace -d 'Remove the container the command\'s --name names before running it'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from runlabel" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run a command in a new container'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a container without starting it'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "kill" -d 'Send a signal to one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List containers'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display the configuration of containers'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Rename a container'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove all containers that are not running'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 when the container exists, 1 when not'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "attach" -d 'Attach to a running container'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Fetch the logs of one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "exec" -d 'Run a process in a running container'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "top" -d 'Display the running processes of a container'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "port" -d 'List the published ports of a container'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "cp" -d 'Copy files between a container and the host'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Inspect changes on a container\'s filesystem'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "mount" -d 'Mount a container\'s root filesystem (inside `rcon unshare`)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "umount" -d 'Unmount a container\'s root filesystem'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export a container\'s root filesystem as a tar'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "runlabel" -d 'Run the command an image keeps in a label (INSTALL, RUN, UNINSTALL …)'
complete -c rcon -n "__fish_rcon_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l platform -d 'Platform to choose from a multi-platform image (os/arch[/variant])' -r
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l arch -d 'Architecture to choose instead of the host\'s' -r
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l os -d 'Operating system to choose instead of the host\'s' -r
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l variant -d 'Architecture variant to choose' -r
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l authfile -d 'Path of the authentication file (default: containers-auth.json locations)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l cert-dir -d 'Folder of certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand pull" -s q -l quiet -d 'Print only the image ID'
complete -c rcon -n "__fish_rcon_using_subcommand pull" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand pull" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand push" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand push" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand push" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand push" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand push" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand push" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand push" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand push" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand push" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rcon -n "__fish_rcon_using_subcommand push" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand push" -l authfile -d 'Path of the authentication file (default: containers-auth.json locations)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand push" -l cert-dir -d 'Folder of certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand push" -s f -l format -d 'Manifest format to write: oci, or v2s2 (Docker schema 2) (default: the image\'s own)' -r -f -a "oci\t'OCI image manifest'
v2s2\t'Docker schema 2 manifest'
docker\t'Docker schema 2 manifest (Docker\'s name)'"
complete -c rcon -n "__fish_rcon_using_subcommand push" -l compression-format -d 'Compression of layers stored uncompressed (and of all layers with --force-compression)' -r -f -a "gzip\t''
zstd\t''"
complete -c rcon -n "__fish_rcon_using_subcommand push" -l compression-level -d 'Compression level (gzip 0-9, default 6; zstd 1-22, default 3)' -r
complete -c rcon -n "__fish_rcon_using_subcommand push" -l force-compression -d 'Recompress layers compressed with another format than --compression-format (default: true when --compression-format is given)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand push" -l digestfile -d 'Write the digest of the pushed manifest to this file' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand push" -l sign-by -d 'Sign the image with this GPG key (not supported)' -r
complete -c rcon -n "__fish_rcon_using_subcommand push" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand push" -l all -d 'For a manifest list: push its images too, not only the list'
complete -c rcon -n "__fish_rcon_using_subcommand push" -s q -l quiet -d 'Print nothing on stderr'
complete -c rcon -n "__fish_rcon_using_subcommand push" -l remove-signatures -d 'Push without signatures (rcon never copies signatures)'
complete -c rcon -n "__fish_rcon_using_subcommand push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand push" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand images" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand images" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand images" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand images" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand images" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand images" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand images" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand images" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand images" -l format -d 'Output: json, or a Go template such as \'{{.Repository}}:{{.Tag}} {{.ID}}\'' -r
complete -c rcon -n "__fish_rcon_using_subcommand images" -s f -l filter -d 'Filter: dangling=true|false, reference=PATTERN, id=ID, label=KEY[=VALUE], before=IMAGE, since=IMAGE (after=IMAGE), until=TIME' -r
complete -c rcon -n "__fish_rcon_using_subcommand images" -l sort -d 'Sort by created (newest first, the default), id, repository, size or tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c rcon -n "__fish_rcon_using_subcommand images" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand images" -s a -l all -d 'Show all images, intermediate ones included'
complete -c rcon -n "__fish_rcon_using_subcommand images" -s q -l quiet -d 'Print only the image IDs'
complete -c rcon -n "__fish_rcon_using_subcommand images" -l digests -d 'Show digests'
complete -c rcon -n "__fish_rcon_using_subcommand images" -l no-trunc -d 'Do not truncate IDs'
complete -c rcon -n "__fish_rcon_using_subcommand images" -s n -l noheading -d 'Do not print the header'
complete -c rcon -n "__fish_rcon_using_subcommand images" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand images" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand rmi" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand rmi" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand rmi" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand rmi" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand rmi" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand rmi" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand rmi" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand rmi" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand rmi" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand rmi" -s a -l all -d 'Remove all images'
complete -c rcon -n "__fish_rcon_using_subcommand rmi" -s f -l force -d 'Remove an image even when it has several names (removes them all)'
complete -c rcon -n "__fish_rcon_using_subcommand rmi" -s i -l ignore -d 'Ignore images that do not exist'
complete -c rcon -n "__fish_rcon_using_subcommand rmi" -l no-prune -d 'Keep the image\'s dangling parents (the images a build left on its way to it)'
complete -c rcon -n "__fish_rcon_using_subcommand rmi" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand rmi" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand tag" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand tag" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand tag" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand tag" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand tag" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand tag" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand tag" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand tag" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand tag" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand tag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand tag" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand untag" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand untag" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand untag" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand untag" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand untag" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand untag" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand untag" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand untag" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand untag" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand untag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand untag" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand inspect" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand inspect" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand inspect" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand inspect" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand inspect" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand inspect" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand inspect" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand inspect" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand inspect" -s f -l format -d 'Format the output with a Go template' -r
complete -c rcon -n "__fish_rcon_using_subcommand inspect" -s t -l type -d 'Only objects of this type (image)' -r
complete -c rcon -n "__fish_rcon_using_subcommand inspect" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand inspect" -s l -l latest -d 'Inspect the most recently created container (all states)'
complete -c rcon -n "__fish_rcon_using_subcommand inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand inspect" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -f -a "ls" -d 'List images in local storage'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -f -a "list" -d 'List images in local storage'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -f -a "pull" -d 'Pull an image from a registry'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -f -a "push" -d 'Push an image to a registry'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -f -a "rm" -d 'Remove one or more images'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -f -a "tag" -d 'Add an additional name to a local image'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -f -a "untag" -d 'Remove a name from a local image'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -f -a "inspect" -d 'Display the configuration of images'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -f -a "exists" -d 'Exit 0 when the image exists in local storage, 1 when not'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -f -a "prune" -d 'Remove unused images'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -f -a "history" -d 'Show the history of an image'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -f -a "diff" -d 'Inspect changes on an image\'s filesystem'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -f -a "mount" -d 'Mount an image\'s layers read-only (inside `rcon unshare`)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -f -a "umount" -d 'Unmount an image'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -f -a "unmount" -d 'Unmount an image'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -f -a "save" -d 'Save images to an archive'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -f -a "load" -d 'Load images from an archive'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -f -a "import" -d 'Import a tar as a new image'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -f -a "sign" -d 'Sign registry images with GPG (simple signing)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull push rm tag untag inspect exists prune build history diff mount umount unmount save load import sign help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'Output: json, or a Go template such as \'{{.Repository}}:{{.Tag}} {{.ID}}\'' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: dangling=true|false, reference=PATTERN, id=ID, label=KEY[=VALUE], before=IMAGE, since=IMAGE (after=IMAGE), until=TIME' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by created (newest first, the default), id, repository, size or tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all images, intermediate ones included'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only the image IDs'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -l digests -d 'Show digests'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate IDs'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print the header'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -l format -d 'Output: json, or a Go template such as \'{{.Repository}}:{{.Tag}} {{.ID}}\'' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter: dangling=true|false, reference=PATTERN, id=ID, label=KEY[=VALUE], before=IMAGE, since=IMAGE (after=IMAGE), until=TIME' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -l sort -d 'Sort by created (newest first, the default), id, repository, size or tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all images, intermediate ones included'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the image IDs'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -l digests -d 'Show digests'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate IDs'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print the header'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l platform -d 'Platform to choose from a multi-platform image (os/arch[/variant])' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l arch -d 'Architecture to choose instead of the host\'s' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l os -d 'Operating system to choose instead of the host\'s' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l variant -d 'Architecture variant to choose' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l authfile -d 'Path of the authentication file (default: containers-auth.json locations)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l cert-dir -d 'Folder of certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Print only the image ID'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -l authfile -d 'Path of the authentication file (default: containers-auth.json locations)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -l cert-dir -d 'Folder of certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -s f -l format -d 'Manifest format to write: oci, or v2s2 (Docker schema 2) (default: the image\'s own)' -r -f -a "oci\t'OCI image manifest'
v2s2\t'Docker schema 2 manifest'
docker\t'Docker schema 2 manifest (Docker\'s name)'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -l compression-format -d 'Compression of layers stored uncompressed (and of all layers with --force-compression)' -r -f -a "gzip\t''
zstd\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -l compression-level -d 'Compression level (gzip 0-9, default 6; zstd 1-22, default 3)' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -l force-compression -d 'Recompress layers compressed with another format than --compression-format (default: true when --compression-format is given)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -l digestfile -d 'Write the digest of the pushed manifest to this file' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -l sign-by -d 'Sign the image with this GPG key (not supported)' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -l all -d 'For a manifest list: push its images too, not only the list'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print nothing on stderr'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -l remove-signatures -d 'Push without signatures (rcon never copies signatures)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from push" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from rm" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from rm" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from rm" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from rm" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from rm" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from rm" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all images'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove an image even when it has several names (removes them all)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore images that do not exist'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from rm" -l no-prune -d 'Keep the image\'s dangling parents (the images a build left on its way to it)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from tag" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from tag" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from tag" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from tag" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from tag" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from tag" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from tag" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from tag" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from tag" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from tag" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from untag" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from untag" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from untag" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from untag" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from untag" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from untag" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from untag" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from untag" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from untag" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from untag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from untag" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from inspect" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from inspect" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output with a Go template' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from inspect" -s t -l type -d 'Only objects of this type (image)' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from inspect" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from inspect" -s l -l latest -d 'Inspect the most recently created container (all states)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from exists" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from exists" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from exists" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from exists" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from exists" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from exists" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from prune" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from prune" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from prune" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from prune" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from prune" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from prune" -l filter -d 'Only images matching: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from prune" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all images that no container uses, not only those without a name'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from prune" -l build-cache -d 'Also remove the build cache: build steps\' images and RUN cache mounts'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -s t -l tag -d 'Name the image (repeatable)' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -s f -l file -d 'The Containerfile: a path, a URL or - for stdin (default: Containerfile, else Dockerfile, in the context)' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg -d 'A build argument: KEY=VALUE, or KEY to take it from the environment' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg-file -d 'A file of KEY=VALUE build arguments, one per line' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l target -d 'Build up to this stage' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry of the base images' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l authfile -d 'Path of the authentication file (default: containers-auth.json locations)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l cert-dir -d 'Folder of certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l pull -d 'Pull base images: always (bare --pull), missing, never or newer' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l layers -d 'Cache each step as a layer (default: $BUILDAH_LAYERS, else true)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l format -d 'Image format: oci or docker' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image ID to this file' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l label -d 'Add a label to the image: KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l annotation -d 'Add an annotation to the image manifest: KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l env -d 'Add an environment variable to the image: KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l network -d 'The network of RUN steps: the default user-mode network, none or host' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l add-host -d 'Add a line to /etc/hosts of RUN steps: NAME:IP' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l dns -d 'DNS server for RUN steps' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l dns-search -d 'DNS search domain for RUN steps' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l dns-option -d 'DNS option for RUN steps' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l secret -d 'A secret for RUN --mount=type=secret: id=ID,src=PATH or id=ID,env=VARIABLE' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l ssh -d 'An ssh agent for RUN --mount=type=ssh: default or ID=SOCKET' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l build-context -d 'An extra named context: NAME=PATH, NAME=docker-image://IMAGE or NAME=URL' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l platform -d 'The platform to build for (only the host\'s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l jobs -d 'How many stages may build at once (default: every stage that is ready)' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l ulimit -d 'A resource limit for RUN steps: NAME=SOFT[:HARD]' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l cap-add -d 'Add a capability to RUN steps' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l cap-drop -d 'Drop a capability from RUN steps' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l security-opt -d 'Security options for RUN steps (seccomp=PROFILE, no-new-privileges)' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l http-proxy -d 'Pass the proxy variables of rcon\'s environment (http_proxy, https_proxy, ftp_proxy, no_proxy, also upper-case) to RUN steps, unless the image sets them' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l ignorefile -d 'Read ignore patterns from this file instead of .containerignore/.dockerignore' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l source-date-epoch -d 'Set every time written into the image to this (seconds since the epoch)' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l timestamp -d 'The same as --source-date-epoch (Podman\'s name)' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l logfile -d 'Write the build\'s output (stdout and stderr) to this file instead' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l progress -d 'Progress output: auto, plain or tty' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l rm -d 'Remove intermediate containers (always done)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l force-rm -d 'Remove intermediate containers also after a failure (always done)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not reuse cached steps'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l pull-always -d 'Always pull base images (Docker\'s --pull)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l load -d 'buildx\'s --load: the image is stored locally, as it always is'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l pull-never -d 'Never pull base images (Podman\'s --pull-never, as --pull=never)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l squash -d 'Squash the new layers into one'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l squash-all -d 'Squash the whole image into one layer'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -l no-hosts -d 'Keep the image\'s /etc/hosts in RUN steps'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Print only the image ID'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from build" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from history" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from history" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from history" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from history" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from history" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from history" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from history" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from history" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from history" -s H -l human -d 'Show the creation times as "2 weeks ago" (false: RFC 3339)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from history" -l format -d 'Output as json or a Go template (`table …` for a table)' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from history" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from history" -l no-trunc -l notruncate -d 'Do not truncate IDs and commands'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Print only the IDs'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from history" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from diff" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from diff" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from diff" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from diff" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from diff" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from diff" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from diff" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from diff" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from diff" -l format -d 'Output as json (`{"changed": […], "added": […], "deleted": […]}`)' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from diff" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from diff" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from mount" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from mount" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from mount" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from mount" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from mount" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from mount" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from mount" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from mount" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from mount" -l format -d 'Output the mounted images as json' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from mount" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from mount" -s a -l all -d 'Mount every image'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from mount" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from umount" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from umount" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from umount" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from umount" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from umount" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from umount" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from umount" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from umount" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from umount" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from umount" -s a -l all -d 'Unmount every mounted image'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from umount" -s f -l force -d 'Accepted for Podman\'s sake'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from umount" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from umount" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from unmount" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from unmount" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from unmount" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from unmount" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from unmount" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from unmount" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from unmount" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from unmount" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from unmount" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from unmount" -s a -l all -d 'Unmount every mounted image'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from unmount" -s f -l force -d 'Accepted for Podman\'s sake'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from unmount" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from save" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from save" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from save" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from save" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from save" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from save" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from save" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from save" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from save" -s o -l output -d 'Write to FILE (a folder for oci-dir and docker-dir) instead of standard output' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from save" -l format -d 'Archive format: docker-archive, oci-archive, oci-dir or docker-dir' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from save" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from save" -s m -l multi-image-archive -d 'Save every IMAGE into one docker-archive (without it, further arguments are extra names for the first image)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from save" -l compress -d 'Compress uncompressed layers with gzip'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from save" -l uncompressed -d 'Write every layer uncompressed (without it, layers stored gzip-compressed are written as they are, in a docker-archive too)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from save" -s q -l quiet -d 'Print nothing but errors (rcon prints no progress anyway)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from save" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from load" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from load" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from load" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from load" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from load" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from load" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from load" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from load" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from load" -s i -l input -d 'Read the archive from FILE (or an oci-dir or docker-dir folder) instead of standard input' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from load" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from load" -s q -l quiet -d 'Print nothing but the loaded names (rcon prints no progress anyway)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from load" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from import" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from import" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from import" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from import" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from import" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from import" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from import" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from import" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from import" -s c -l change -d 'A Containerfile instruction for the image config: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME or WORKDIR (repeatable; `CMD=/bin/sh` also works)' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from import" -s m -l message -d 'The commit message (the image history\'s comment)' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from import" -l platform -d 'The image\'s platform, OS/ARCH[/VARIANT] (default: this host\'s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from import" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only the image ID (rcon prints nothing else anyway)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from sign" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from sign" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from sign" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from sign" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from sign" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from sign" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from sign" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from sign" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from sign" -l sign-by -d 'The GPG key to sign with (an ID, fingerprint or e-mail address of a secret key)' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from sign" -s d -l directory -d 'The lookaside folder to write signatures to (default: ~/.local/share/containers/sigstore)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from sign" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from sign" -l authfile -d 'Path of the authentication file (default: containers-auth.json locations)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from sign" -l cert-dir -d 'Folder of certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from sign" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from sign" -s a -l all -d 'Sign every image of a manifest list, not the list'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from sign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from sign" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List images in local storage'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "pull" -d 'Pull an image from a registry'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "push" -d 'Push an image to a registry'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more images'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "tag" -d 'Add an additional name to a local image'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "untag" -d 'Remove a name from a local image'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display the configuration of images'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 when the image exists in local storage, 1 when not'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove unused images'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "history" -d 'Show the history of an image'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Inspect changes on an image\'s filesystem'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "mount" -d 'Mount an image\'s layers read-only (inside `rcon unshare`)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "umount" -d 'Unmount an image'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "save" -d 'Save images to an archive'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "load" -d 'Load images from an archive'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import a tar as a new image'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "sign" -d 'Sign registry images with GPG (simple signing)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists help" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists help" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists help" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists help" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists help" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists help" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists help" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists help" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists help" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists help" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists help" -f -a "create" -d 'Create a manifest list, optionally with images'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists help" -f -a "add" -d 'Add an image to a manifest list'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists help" -f -a "annotate" -d 'Change an entry of a manifest list, or the list\'s own annotations'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists help" -f -a "inspect" -d 'Print a manifest list as its OCI index or Docker manifest list'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists help" -f -a "push" -d 'Push a manifest list and its images to a registry'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists help" -f -a "rm" -d 'Remove manifest lists (not their images)'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists help" -f -a "exists" -d 'Exit 0 when the manifest list exists, 1 when not'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and not __fish_seen_subcommand_from create add annotate inspect push rm exists help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from create" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from create" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from create" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from create" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from create" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from create" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from create" -l authfile -d 'Path of the authentication file (default: containers-auth.json locations)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from create" -l cert-dir -d 'Folder of certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from create" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from create" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from create" -l all -d 'Add every image of an index named among IMAGE, not only the host\'s'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -l arch -d 'Architecture of the entry' -r
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -l os -d 'Operating system of the entry' -r
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -l variant -d 'Architecture variant of the entry' -r
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -l os-version -d 'Operating system version of the entry' -r
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -l os-features -d 'Operating system features the entry needs' -r
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -l features -d 'CPU features the entry needs' -r
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -l annotation -d 'Annotation KEY=VALUE for the entry (repeatable)' -r
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -l authfile -d 'Path of the authentication file (default: containers-auth.json locations)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -l cert-dir -d 'Folder of certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -l all -d 'Add every image of an index, not only the host\'s'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l arch -d 'Architecture of the entry' -r
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l os -d 'Operating system of the entry' -r
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l variant -d 'Architecture variant of the entry' -r
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l os-version -d 'Operating system version of the entry' -r
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l os-features -d 'Operating system features the entry needs' -r
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l features -d 'CPU features the entry needs' -r
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l annotation -d 'Annotation KEY=VALUE for the entry (repeatable)' -r
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -l index -d 'Annotate the list itself instead of an entry'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from annotate" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l authfile -d 'Path of the authentication file (default: containers-auth.json locations)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l cert-dir -d 'Folder of certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -l all -d 'Push the list\'s images too, not only the list' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -l authfile -d 'Path of the authentication file (default: containers-auth.json locations)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -l cert-dir -d 'Folder of certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -s f -l format -d 'Manifest format to write: oci, or v2s2 (Docker schema 2) (default: the image\'s own)' -r -f -a "oci\t'OCI image manifest'
v2s2\t'Docker schema 2 manifest'
docker\t'Docker schema 2 manifest (Docker\'s name)'"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -l compression-format -d 'Compression of layers stored uncompressed (and of all layers with --force-compression)' -r -f -a "gzip\t''
zstd\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -l compression-level -d 'Compression level (gzip 0-9, default 6; zstd 1-22, default 3)' -r
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -l force-compression -d 'Recompress layers compressed with another format than --compression-format (default: true when --compression-format is given)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -l digestfile -d 'Write the digest of the pushed manifest to this file' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -l sign-by -d 'Sign the image with this GPG key (not supported)' -r
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -l rm -d 'Remove the list locally once pushed'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print nothing on stderr'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -l remove-signatures -d 'Push without signatures (rcon never copies signatures)'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from push" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from rm" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from exists" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a manifest list, optionally with images'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an image to a manifest list'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "annotate" -d 'Change an entry of a manifest list, or the list\'s own annotations'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Print a manifest list as its OCI index or Docker manifest list'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "push" -d 'Push a manifest list and its images to a registry'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove manifest lists (not their images)'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 when the manifest list exists, 1 when not'
complete -c rcon -n "__fish_rcon_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "create" -d 'Create a volume'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "ls" -d 'List volumes'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "list" -d 'List volumes'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "inspect" -d 'Show volumes as JSON'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "rm" -d 'Remove volumes'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "remove" -d 'Remove volumes'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "prune" -d 'Remove every volume no container uses'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "exists" -d 'Exit 0 when the volume exists, 1 when it does not'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "export" -d 'Write a volume\'s data as a tar (to stdout, or --output)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "import" -d 'Unpack a tar (a file, or - for stdin) into a volume'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "mount" -d 'Print the host folder that holds a volume\'s data (a local volume needs no mount)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "unmount" -d 'Undo `volume mount` (nothing to undo for a local volume: prints its name)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "umount" -d 'Undo `volume mount` (nothing to undo for a local volume: prints its name)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists export import mount unmount umount help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from create" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from create" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from create" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from create" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from create" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from create" -s d -l driver -d 'Volume driver (only local)' -r
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from create" -s o -l opt -d 'Driver options: type=tmpfs, device=…, o=size=…,mode=…' -r
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from create" -s l -l label -d 'Set a label: KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from create" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from create" -l ignore -d 'Succeed when a volume of that name exists already'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from ls" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from ls" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from ls" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from ls" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from ls" -l format -d 'Output format: json, a Go template, or `table …`' -r
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: name=, label=KEY[=VALUE], driver=, dangling=true|false' -r
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from ls" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only the names'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from ls" -l noheading -d 'Leave out the table\'s header line'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from list" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from list" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from list" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from list" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from list" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from list" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from list" -l format -d 'Output format: json, a Go template, or `table …`' -r
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter: name=, label=KEY[=VALUE], driver=, dangling=true|false' -r
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from list" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the names'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from list" -l noheading -d 'Leave out the table\'s header line'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Output format: json or a Go template' -r
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s a -l all -d 'Inspect every volume'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from rm" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from rm" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from rm" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from rm" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from rm" -s t -l time -d 'With --force: seconds a running container using the volume gets to stop before it is killed (default 0: killed at once)' -r
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from rm" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every volume'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove volumes in use, with the containers that use them'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from remove" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from remove" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from remove" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from remove" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from remove" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from remove" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from remove" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from remove" -s t -l time -d 'With --force: seconds a running container using the volume gets to stop before it is killed (default 0: killed at once)' -r
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from remove" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from remove" -s a -l all -d 'Remove every volume'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from remove" -s f -l force -d 'Remove volumes in use, with the containers that use them'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from prune" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from prune" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from prune" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from prune" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from prune" -l filter -d 'Only volumes with this label: label=KEY[=VALUE]' -r
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from prune" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from exists" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from exists" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from exists" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from exists" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from exists" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from export" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from export" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from export" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from export" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from export" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from export" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from export" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from export" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from export" -s o -l output -d 'Write the tar to this file instead of stdout' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from export" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from import" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from import" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from import" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from import" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from import" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from import" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from import" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from import" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from import" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from mount" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from mount" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from mount" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from mount" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from mount" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from mount" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from mount" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from mount" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from mount" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from mount" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from unmount" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from umount" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from umount" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from umount" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from umount" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from umount" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from umount" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from umount" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from umount" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from umount" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from umount" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from umount" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a volume'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List volumes'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show volumes as JSON'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove volumes'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove every volume no container uses'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 when the volume exists, 1 when it does not'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write a volume\'s data as a tar (to stdout, or --output)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "import" -d 'Unpack a tar (a file, or - for stdin) into a volume'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "mount" -d 'Print the host folder that holds a volume\'s data (a local volume needs no mount)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "unmount" -d 'Undo `volume mount` (nothing to undo for a local volume: prints its name)'
complete -c rcon -n "__fish_rcon_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm remove exists help" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm remove exists help" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm remove exists help" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm remove exists help" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm remove exists help" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm remove exists help" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm remove exists help" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm remove exists help" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm remove exists help" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm remove exists help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm remove exists help" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm remove exists help" -f -a "create" -d 'Store a secret from a file, from stdin (-) or with --env from a variable'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm remove exists help" -f -a "ls" -d 'List secrets (never their data)'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm remove exists help" -f -a "list" -d 'List secrets (never their data)'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm remove exists help" -f -a "inspect" -d 'Show secrets as JSON (never their data)'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm remove exists help" -f -a "rm" -d 'Remove secrets (containers keep the copies they were given)'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm remove exists help" -f -a "remove" -d 'Remove secrets (containers keep the copies they were given)'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm remove exists help" -f -a "exists" -d 'Exit 0 when the secret exists, 1 when it does not'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and not __fish_seen_subcommand_from create ls list inspect rm remove exists help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from create" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from create" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from create" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from create" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from create" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from create" -s d -l driver -d 'The secret\'s driver (only file)' -r
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from create" -s l -l label -d 'Set a label: KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from create" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from create" -l env -d 'Read the data from the environment variable SOURCE names'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from create" -l replace -d 'Replace a secret of that name'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from ls" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from ls" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from ls" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from ls" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from ls" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from ls" -l format -d 'Output format: json, a Go template, or `table …`' -r
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: name=NAME, id=ID' -r
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from ls" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only the IDs'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Leave out the table\'s header line'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from list" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from list" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from list" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from list" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from list" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from list" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from list" -l format -d 'Output format: json, a Go template, or `table …`' -r
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter: name=NAME, id=ID' -r
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from list" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the IDs'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Leave out the table\'s header line'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Output format: json or a Go template' -r
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from rm" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from rm" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from rm" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from rm" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from rm" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from rm" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every secret'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'No error for a secret that does not exist'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from remove" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from remove" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from remove" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from remove" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from remove" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from remove" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from remove" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from remove" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from remove" -s a -l all -d 'Remove every secret'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from remove" -s i -l ignore -d 'No error for a secret that does not exist'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from exists" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from exists" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from exists" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from exists" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from exists" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from exists" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "create" -d 'Store a secret from a file, from stdin (-) or with --env from a variable'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List secrets (never their data)'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show secrets as JSON (never their data)'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove secrets (containers keep the copies they were given)'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 when the secret exists, 1 when it does not'
complete -c rcon -n "__fish_rcon_using_subcommand secret; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -f -a "create" -d 'Create a network'
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -f -a "ls" -d 'List networks'
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -f -a "list" -d 'List networks'
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -f -a "inspect" -d 'Show networks as JSON'
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -f -a "rm" -d 'Remove networks'
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -f -a "remove" -d 'Remove networks'
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -f -a "prune" -d 'Remove every network no container uses'
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -f -a "exists" -d 'Exit 0 when the network exists, 1 when it does not'
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -f -a "connect" -d 'Connect a container to a network'
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -f -a "disconnect" -d 'Disconnect a container from a network'
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -f -a "reload" -d 'Reload running containers\' networks (rcon keeps no firewall rules: nothing is lost)'
complete -c rcon -n "__fish_rcon_using_subcommand network; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists connect disconnect reload help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from create" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from create" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from create" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from create" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from create" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from create" -s d -l driver -d 'Network driver (only bridge)' -r
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from create" -l subnet -d 'The subnet, as 10.90.0.0/24 (a free 10.89.N.0/24 when left out)' -r
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from create" -l gateway -d 'The gateway\'s address (the subnet\'s first when left out)' -r
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from create" -l label -d 'Set a label: KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from create" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from create" -l internal -d 'No way out: containers reach only each other'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from create" -l ignore -d 'Succeed when a network of that name exists already'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from ls" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from ls" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from ls" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from ls" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from ls" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from ls" -l format -d 'Output format: json, a Go template, or `table …`' -r
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: name=, id=, label=KEY[=VALUE], driver=' -r
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from ls" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only the names'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from ls" -l noheading -d 'Leave out the table\'s header line'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from list" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from list" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from list" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from list" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from list" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from list" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from list" -l format -d 'Output format: json, a Go template, or `table …`' -r
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter: name=, id=, label=KEY[=VALUE], driver=' -r
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from list" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the names'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from list" -l noheading -d 'Leave out the table\'s header line'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from inspect" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from inspect" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Output format: json or a Go template' -r
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from inspect" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from rm" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from rm" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from rm" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from rm" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from rm" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from rm" -s t -l time -d 'With --force: seconds the containers get to stop before SIGKILL' -r
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from rm" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove networks in use, with the containers on them'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from remove" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from remove" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from remove" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from remove" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from remove" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from remove" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from remove" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from remove" -s t -l time -d 'With --force: seconds the containers get to stop before SIGKILL' -r
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from remove" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from remove" -s f -l force -d 'Remove networks in use, with the containers on them'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from prune" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from prune" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from prune" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from prune" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from prune" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from prune" -l filter -d 'Only networks matching: until=TIME, label=KEY[=VALUE], label!=KEY[=VALUE]' -r
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from prune" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from exists" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from exists" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from exists" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from exists" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from exists" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from exists" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from connect" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from connect" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from connect" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from connect" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from connect" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from connect" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from connect" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from connect" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from connect" -l alias -d 'Another name for the container on this network (DNS)' -r
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from connect" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from connect" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s f -l force -d 'Change the record even when the running container\'s interface cannot be removed'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from reload" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from reload" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from reload" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from reload" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from reload" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from reload" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from reload" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from reload" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from reload" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from reload" -s a -l all -d 'Every running container'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from reload" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from reload" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a network'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List networks'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show networks as JSON'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove networks'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove every network no container uses'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 when the network exists, 1 when it does not'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "connect" -d 'Connect a container to a network'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "disconnect" -d 'Disconnect a container from a network'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "reload" -d 'Reload running containers\' networks (rcon keeps no firewall rules: nothing is lost)'
complete -c rcon -n "__fish_rcon_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -f -a "create" -d 'Create a new pod'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -f -a "ps" -d 'List pods'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -f -a "ls" -d 'List pods'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -f -a "list" -d 'List pods'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -f -a "inspect" -d 'Display a pod\'s configuration'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -f -a "start" -d 'Start the containers of one or more pods'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -f -a "stop" -d 'Stop the containers of one or more pods'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -f -a "restart" -d 'Restart the containers of one or more pods'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -f -a "kill" -d 'Send a signal to the containers of one or more pods'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -f -a "pause" -d 'Pause the containers of one or more pods'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -f -a "unpause" -d 'Unpause the containers of one or more pods'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -f -a "rm" -d 'Remove one or more pods and their containers'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -f -a "prune" -d 'Remove every pod that has no running container'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -f -a "exists" -d 'Exit 0 when a pod exists, 1 when not'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -f -a "top" -d 'Display the running processes of a pod\'s containers'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -f -a "clone" -d 'Make a copy of a pod and its containers'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -f -a "logs" -d 'Fetch the logs of a pod\'s containers'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -f -a "stats" -d 'Display the resource usage of pods\' containers'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and not __fish_seen_subcommand_from create ps ls list inspect start stop restart kill pause unpause rm prune exists top clone logs stats help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -s n -l name -d 'The pod\'s name (default: a generated one)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-image -d 'An image for the infra container, whose command it runs (default: rcon\'s own pause, nothing pulled)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-command -d 'The infra container\'s command (with --infra-image)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l share -d 'The namespaces the pod\'s containers share: net, ipc, uts, pid, cgroup, or none (+NS adds to the default)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra -d 'Make an infra container to hold the shared namespaces' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-name -d 'The infra container\'s name (default: the pod ID\'s first 12 digits and -infra)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l hostname -d 'The pod\'s hostname (default: its name)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -s l -l label -d 'Set a label on the pod: KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l network -l net -d 'Network: slirp4netns[:OPTIONS], pasta[:OPTIONS], host, none, or networks by name' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l network-alias -d 'Another name for the pod on its networks' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a container\'s port on the host: [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|/udp] (ranges as 8000-8010; no host port: a random one)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l add-host -d 'Add a line to /etc/hosts: NAME:IP (host-gateway as IP names the host)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l dns -d 'DNS server for /etc/resolv.conf (replaces the host\'s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l dns-search -d 'DNS search domain for /etc/resolv.conf ("." for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l dns-option -l dns-opt -d 'Option for /etc/resolv.conf (ndots:2, edns0)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -s v -l volume -d 'A bind mount or volume every container of the pod gets: SRC:DEST[:OPTIONS]' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l userns -d 'User namespace mode for the pod' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l pod-id-file -d 'Write the pod\'s ID to this file' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l exit-policy -d 'When the last container ends: continue (the pod stays up) or stop' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -s m -l memory -d 'Memory limit (e.g. 512m, 1g; -1 for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l memory-swap -d 'Memory plus swap limit (-1 for unlimited swap)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l memory-reservation -d 'Memory soft limit (memory.low)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpus -d 'Number of CPUs (e.g. 0.5): a CFS quota per 100ms period' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -s c -l cpu-shares -d 'CPU shares (relative weight, cgroup v1 scale 2-262144)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpu-weight -d 'CPU weight (cgroup v2 scale 1-10000)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpu-quota -d 'CPU CFS quota in microseconds per period (-1 for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpu-period -d 'CPU CFS period in microseconds' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-1,3)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l pids-limit -d 'Process limit (default 2048 where the pids controller is delegated; -1 for none)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l blkio-weight -d 'Block I/O weight (10-1000)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l oom-score-adj -d 'The container process\'s OOM score adjustment (-1000 to 1000)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l no-infra -d 'No infra container (as --infra=false)'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -s P -l publish-all -d 'Publish every port the image exposes on a random host port'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l no-hosts -d 'Keep the image\'s /etc/hosts instead of generating one'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -l replace -d 'Replace a pod of the same name'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ps" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ps" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ps" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ps" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ps" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ps" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ps" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ps" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ps" -s f -l filter -d 'Filter: id=, name=, label=KEY[=VALUE], status=, ctr-names=, ctr-ids=, ctr-status=, ctr-number=' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ps" -l format -d 'Output: json, or a Go template such as \'{{.ID}} {{.Name}}\'' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ps" -l sort -d 'Sort by created, id, name, number or status' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ps" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Print only the pod IDs'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ps" -l no-trunc -d 'Do not truncate IDs'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ps" -l noheading -d 'Do not print the header'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ctr-names -d 'Show the names of each pod\'s containers'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ctr-ids -d 'Show the IDs of each pod\'s containers'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ctr-status -d 'Show the status of each pod\'s containers'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ns -d 'Show the networks of each pod'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ps" -s l -l latest -d 'Show the most recently created pod'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ps" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ls" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ls" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ls" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ls" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ls" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: id=, name=, label=KEY[=VALUE], status=, ctr-names=, ctr-ids=, ctr-status=, ctr-number=' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ls" -l format -d 'Output: json, or a Go template such as \'{{.ID}} {{.Name}}\'' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by created, id, name, number or status' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ls" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only the pod IDs'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate IDs'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print the header'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ls" -l ctr-names -d 'Show the names of each pod\'s containers'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ls" -l ctr-ids -d 'Show the IDs of each pod\'s containers'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ls" -l ctr-status -d 'Show the status of each pod\'s containers'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ls" -l ns -d 'Show the networks of each pod'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ls" -s l -l latest -d 'Show the most recently created pod'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from list" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from list" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from list" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from list" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from list" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from list" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter: id=, name=, label=KEY[=VALUE], status=, ctr-names=, ctr-ids=, ctr-status=, ctr-number=' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from list" -l format -d 'Output: json, or a Go template such as \'{{.ID}} {{.Name}}\'' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from list" -l sort -d 'Sort by created, id, name, number or status' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from list" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the pod IDs'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate IDs'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from list" -l noheading -d 'Do not print the header'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from list" -l ctr-names -d 'Show the names of each pod\'s containers'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from list" -l ctr-ids -d 'Show the IDs of each pod\'s containers'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from list" -l ctr-status -d 'Show the status of each pod\'s containers'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from list" -l ns -d 'Show the networks of each pod'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from list" -s l -l latest -d 'Show the most recently created pod'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Output: json, or a Go template such as \'{{.Name}}\'' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s l -l latest -d 'The most recently created pod'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from start" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from start" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from start" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from start" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from start" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from start" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from start" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from start" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from start" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from start" -s a -l all -d 'Every pod'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stop" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stop" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stop" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stop" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stop" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stop" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stop" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stop" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stop" -s t -l time -d 'Seconds to wait for the stop signal to work before SIGKILL' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stop" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stop" -s a -l all -d 'Every pod'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'Ignore pods that do not exist'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from restart" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from restart" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from restart" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from restart" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from restart" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from restart" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from restart" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from restart" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from restart" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from restart" -s a -l all -d 'Every pod'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from restart" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from kill" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from kill" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from kill" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from kill" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from kill" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from kill" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from kill" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from kill" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from kill" -s s -l signal -d 'Signal to send (name or number, a leading dash allowed: -9, -HUP)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from kill" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from kill" -s a -l all -d 'Every pod'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from kill" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from pause" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from pause" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from pause" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from pause" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from pause" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from pause" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from pause" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from pause" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from pause" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from pause" -s a -l all -d 'Every pod'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from pause" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from unpause" -s a -l all -d 'Every pod'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from unpause" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from rm" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from rm" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from rm" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from rm" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from rm" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait for the stop signal to work before SIGKILL (with --force)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from rm" -l pod-id-file -d 'Read the pod\'s ID from this file' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from rm" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from rm" -s a -l all -d 'Every pod'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from rm" -s f -l force -d 'Stop and remove running containers too'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore pods that do not exist'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from prune" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from prune" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from prune" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from prune" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from prune" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from prune" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from exists" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from exists" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from exists" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from exists" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from exists" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from exists" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from top" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from top" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from top" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from top" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from top" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from top" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from top" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from top" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from top" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from top" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from clone" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from clone" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from clone" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from clone" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from clone" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from clone" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from clone" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from clone" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from clone" -s n -l name -d 'The copy\'s name (default: the pod\'s name and -clone)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from clone" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from clone" -l start -d 'Start the copy'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from clone" -l destroy -d 'Remove the original pod (and its containers) once the copy is made'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from clone" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from clone" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from logs" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from logs" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from logs" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from logs" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from logs" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from logs" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from logs" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from logs" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from logs" -l tail -d 'Only the last N lines of each container (-1: all)' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from logs" -s c -l container -d 'Only this container of the pod' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from logs" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Follow the output'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Show timestamps'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from logs" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stats" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stats" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stats" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stats" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stats" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stats" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stats" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stats" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stats" -l format -d 'Output: json, or a Go template' -r
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stats" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stats" -s a -l all -d 'Every pod'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stats" -l no-stream -d 'Print once instead of streaming'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from stats" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a new pod'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "ps" -d 'List pods'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display a pod\'s configuration'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start the containers of one or more pods'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop the containers of one or more pods'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart the containers of one or more pods'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "kill" -d 'Send a signal to the containers of one or more pods'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "pause" -d 'Pause the containers of one or more pods'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "unpause" -d 'Unpause the containers of one or more pods'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more pods and their containers'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove every pod that has no running container'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 when a pod exists, 1 when not'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "top" -d 'Display the running processes of a pod\'s containers'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "clone" -d 'Make a copy of a pod and its containers'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Fetch the logs of a pod\'s containers'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Display the resource usage of pods\' containers'
complete -c rcon -n "__fish_rcon_using_subcommand pod; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -f -a "play" -d 'Create pods, containers and volumes from Kubernetes YAML'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -f -a "down" -d 'Remove the pods and volumes a Kubernetes YAML made'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -f -a "generate" -d 'Write Kubernetes YAML for pods and containers'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and not __fish_seen_subcommand_from play down generate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -l start -d 'Start the pods (false: only create them)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -l service-container -d 'Start a service container before the pods, which stops when they have all ended' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -l network -d 'Network for every pod' -r
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -l publish -d 'Publish a port for every pod: [IP:][HOST_PORT:]CONTAINER_PORT[/PROTO]' -r
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -l configmap -d 'A YAML file of ConfigMaps the pods may use' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -l log-driver -d 'Log driver for every container' -r
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -l userns -d 'User namespace mode for every pod' -r
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -l annotation -d 'An annotation for every container: KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -l build -d 'Build images the YAML names from a folder of that name holding a Containerfile' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -l context-dir -d 'With --build: the folder holding the images\' folders (default: the working folder)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -l down -d 'Remove what the YAML made instead (as `kube down`)'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -l replace -d 'Remove pods of the same names first'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -s q -l quiet -d 'Suppress output'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from play" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from down" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from down" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from down" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from down" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from down" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from down" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from down" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from down" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from down" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from down" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from generate" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from generate" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from generate" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from generate" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from generate" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from generate" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from generate" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from generate" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from generate" -s t -l type -d 'The kind to write: pod or deployment' -r -f -a "pod\t''
deployment\t''"
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from generate" -s f -l filename -d 'Write the YAML to this file instead of stdout' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from generate" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from generate" -s s -l service -d 'Also write a NodePort Service for each pod'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from generate" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from help" -f -a "play" -d 'Create pods, containers and volumes from Kubernetes YAML'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from help" -f -a "down" -d 'Remove the pods and volumes a Kubernetes YAML made'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from help" -f -a "generate" -d 'Write Kubernetes YAML for pods and containers'
complete -c rcon -n "__fish_rcon_using_subcommand kube; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand play; and not __fish_seen_subcommand_from kube help" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand play; and not __fish_seen_subcommand_from kube help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand play; and not __fish_seen_subcommand_from kube help" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand play; and not __fish_seen_subcommand_from kube help" -f -a "kube" -d 'Create pods, containers and volumes from Kubernetes YAML (as `kube play`)'
complete -c rcon -n "__fish_rcon_using_subcommand play; and not __fish_seen_subcommand_from kube help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -l start -d 'Start the pods (false: only create them)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -l service-container -d 'Start a service container before the pods, which stops when they have all ended' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -l network -d 'Network for every pod' -r
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -l publish -d 'Publish a port for every pod: [IP:][HOST_PORT:]CONTAINER_PORT[/PROTO]' -r
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -l configmap -d 'A YAML file of ConfigMaps the pods may use' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -l log-driver -d 'Log driver for every container' -r
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -l userns -d 'User namespace mode for every pod' -r
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -l annotation -d 'An annotation for every container: KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -l build -d 'Build images the YAML names from a folder of that name holding a Containerfile' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -l context-dir -d 'With --build: the folder holding the images\' folders (default: the working folder)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -l down -d 'Remove what the YAML made instead (as `kube down`)'
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -l replace -d 'Remove pods of the same names first'
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -s q -l quiet -d 'Suppress output'
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from kube" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from help" -f -a "kube" -d 'Create pods, containers and volumes from Kubernetes YAML (as `kube play`)'
complete -c rcon -n "__fish_rcon_using_subcommand play; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand login" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand login" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand login" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand login" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand login" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand login" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand login" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand login" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand login" -s u -l username -d 'Username' -r
complete -c rcon -n "__fish_rcon_using_subcommand login" -s p -l password -d 'Password (prefer --password-stdin: this one shows in the process list)' -r
complete -c rcon -n "__fish_rcon_using_subcommand login" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand login" -l authfile -d 'Path of the authentication file (default: containers-auth.json locations)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand login" -l cert-dir -d 'Folder of certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand login" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand login" -l password-stdin -d 'Read the password from standard input'
complete -c rcon -n "__fish_rcon_using_subcommand login" -l get-login -d 'Print the username stored for the registry'
complete -c rcon -n "__fish_rcon_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand login" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand logout" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand logout" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand logout" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand logout" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand logout" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand logout" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand logout" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand logout" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand logout" -l authfile -d 'Path of the authentication file' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand logout" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand logout" -s a -l all -d 'Remove the credentials of every registry'
complete -c rcon -n "__fish_rcon_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand logout" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand info" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand info" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand info" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand info" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand info" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand info" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand info" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand info" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand info" -s f -l format -d 'Output: json, or a Go template such as \'{{.Store.GraphRoot}}\'' -r
complete -c rcon -n "__fish_rcon_using_subcommand info" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand info" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand version" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand version" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand version" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand version" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand version" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand version" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand version" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand version" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand version" -s f -l format -d 'Output: json, or a Go template such as \'{{.Client.Version}}\'' -r
complete -c rcon -n "__fish_rcon_using_subcommand version" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand version" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand version" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info prune df service help" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info prune df service help" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info prune df service help" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info prune df service help" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info prune df service help" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info prune df service help" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info prune df service help" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info prune df service help" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info prune df service help" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info prune df service help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info prune df service help" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info prune df service help" -f -a "reset" -d 'Remove all images, containers, volumes and state'
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info prune df service help" -f -a "info" -d 'Display rcon\'s system information'
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info prune df service help" -f -a "prune" -d 'Remove stopped containers, unused networks, dangling images and the build cache'
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info prune df service help" -f -a "df" -d 'Show rcon\'s disk usage'
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info prune df service help" -f -a "service" -d 'Serve the Docker Engine API (for the docker CLI, docker-compose, SDKs) on a socket'
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info prune df service help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from reset" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from reset" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from reset" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from reset" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from reset" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from reset" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from reset" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from reset" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from reset" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from reset" -s f -l force -d 'Do not ask for confirmation'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from reset" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from info" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from info" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from info" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from info" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from info" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from info" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from info" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from info" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from info" -s f -l format -d 'Output: json, or a Go template such as \'{{.Store.GraphRoot}}\'' -r
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from info" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from info" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from prune" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from prune" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from prune" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from prune" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from prune" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from prune" -l filter -d 'Only what matches: until=TIME (created before), label=KEY[=VALUE], label!=KEY[=VALUE]' -r
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from prune" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove every image no container uses, not only dangling ones'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from prune" -l volumes -d 'Remove unused volumes too'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from df" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from df" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from df" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from df" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from df" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from df" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from df" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from df" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from df" -l format -d 'Output as json or a Go template (`{{.Type}} {{.Total}} {{.Active}} {{.Size}} {{.Reclaimable}}`)' -r
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from df" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from df" -s v -l verbose -d 'Show each image, container and volume'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from df" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from df" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from service" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from service" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from service" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from service" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from service" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from service" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from service" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from service" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from service" -s t -l time -d 'Exit after this many seconds without a connection (0: never)' -r
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from service" -l run-exec -d 'The service\'s own helper: runs detached exec session ID and records its exit code' -r
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from service" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from service" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from service" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Remove all images, containers, volumes and state'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "info" -d 'Display rcon\'s system information'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove stopped containers, unused networks, dangling images and the build cache'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "df" -d 'Show rcon\'s disk usage'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "service" -d 'Serve the Docker Engine API (for the docker CLI, docker-compose, SDKs) on a socket'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand events" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand events" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand events" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand events" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand events" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand events" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand events" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand events" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand events" -s f -l filter -d 'Show only the events that match: container=, event= (status=), image=, label=, network=, pod=, type=, volume= (repeat a key for any of its values)' -r
complete -c rcon -n "__fish_rcon_using_subcommand events" -l since -d 'Show events since this time (RFC 3339, Unix seconds, or a duration such as 10m)' -r
complete -c rcon -n "__fish_rcon_using_subcommand events" -l until -d 'Show events until this time (RFC 3339, Unix seconds, or a duration such as 10m)' -r
complete -c rcon -n "__fish_rcon_using_subcommand events" -l format -d 'Format each event: json, or a Go template such as \'{{.Status}} {{.Name}}\'' -r
complete -c rcon -n "__fish_rcon_using_subcommand events" -l stream -d 'Follow new events (false: print the recorded ones and exit)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand events" -l no-trunc -d 'Show full IDs (false: 12 characters)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand events" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand events" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand events" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand completion" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand completion" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand completion" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand completion" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand completion" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand completion" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand completion" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand completion" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand completion" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand completion" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand completion" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -f -a "systemd" -d 'Generate a systemd user unit that runs a container'
complete -c rcon -n "__fish_rcon_using_subcommand generate; and not __fish_seen_subcommand_from systemd help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l restart-policy -d 'Restart policy of the unit: no, on-success, on-failure, on-abnormal, on-watchdog, on-abort or always' -r
complete -c rcon -n "__fish_rcon_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l restart-sec -d 'Seconds systemd waits before restarting the unit' -r
complete -c rcon -n "__fish_rcon_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s t -l time -d 'Seconds the container gets to stop before it is killed' -r
complete -c rcon -n "__fish_rcon_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l container-prefix -d 'Prefix of the unit name' -r
complete -c rcon -n "__fish_rcon_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l new -d 'Create a new container on every start (from the container\'s create command)'
complete -c rcon -n "__fish_rcon_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s n -l name -d 'Name the unit after the container\'s name, not its ID'
complete -c rcon -n "__fish_rcon_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s f -l files -d 'Write the unit to ./container-<name>.service and print its path'
complete -c rcon -n "__fish_rcon_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "systemd" -d 'Generate a systemd user unit that runs a container'
complete -c rcon -n "__fish_rcon_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove help" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove help" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove help" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove help" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove help" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove help" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove help" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove help" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove help" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove help" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove help" -f -a "install" -d 'Install quadlet files (and the files they use) for the current user'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove help" -f -a "list" -d 'List the installed quadlets'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove help" -f -a "ls" -d 'List the installed quadlets'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove help" -f -a "print" -d 'Print the contents of a quadlet file'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove help" -f -a "rm" -d 'Remove quadlet files'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove help" -f -a "remove" -d 'Remove quadlet files'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and not __fish_seen_subcommand_from install list ls print rm remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from install" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from install" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from install" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from install" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from install" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from install" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from install" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from install" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from install" -l reload-systemd -d 'Reload systemd after installing (systemctl daemon-reload)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from install" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from install" -l replace -d 'Replace files that are installed already'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from install" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from install" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from list" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from list" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from list" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from list" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from list" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from list" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from list" -l format -d 'Output format: json, a Go template, or `table …`' -r
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from list" -s f -l filter -d 'Only the quadlets that match: name=PATTERN' -r
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from list" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from list" -l noheading -d 'Leave out the header'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -l format -d 'Output format: json, a Go template, or `table …`' -r
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Only the quadlets that match: name=PATTERN' -r
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -l noheading -d 'Leave out the header'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from print" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from print" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from print" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from print" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from print" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from print" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from print" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from print" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from print" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from print" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from print" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -l reload-systemd -d 'Reload systemd after removing (systemctl daemon-reload)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -s f -l force -d 'Stop the quadlet\'s service first when it runs'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every installed quadlet'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore quadlets that are not installed'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -l reload-systemd -d 'Reload systemd after removing (systemctl daemon-reload)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -s f -l force -d 'Stop the quadlet\'s service first when it runs'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -s a -l all -d 'Remove every installed quadlet'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -s i -l ignore -d 'Ignore quadlets that are not installed'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from help" -f -a "install" -d 'Install quadlet files (and the files they use) for the current user'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the installed quadlets'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from help" -f -a "print" -d 'Print the contents of a quadlet file'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove quadlet files'
complete -c rcon -n "__fish_rcon_using_subcommand quadlet; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand auto-update" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand auto-update" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand auto-update" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand auto-update" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand auto-update" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand auto-update" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand auto-update" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand auto-update" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand auto-update" -l authfile -d 'Path of the authentication file for the registry checks and pulls (a container\'s io.containers.autoupdate.authfile label overrides it)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand auto-update" -l format -d 'Print the report with a Go template (fields .Unit, .Container, .ContainerID, .ContainerName, .Image, .Policy, .Updated), `json`, or `table …`' -r
complete -c rcon -n "__fish_rcon_using_subcommand auto-update" -l rollback -d 'Restart a unit with its previous image when it fails after an update' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand auto-update" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand auto-update" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand auto-update" -l dry-run -d 'Only check: report `pending` for the containers an update would restart'
complete -c rcon -n "__fish_rcon_using_subcommand auto-update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand auto-update" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand build" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand build" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand build" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand build" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand build" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand build" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand build" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand build" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand build" -s t -l tag -d 'Name the image (repeatable)' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -s f -l file -d 'The Containerfile: a path, a URL or - for stdin (default: Containerfile, else Dockerfile, in the context)' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l build-arg -d 'A build argument: KEY=VALUE, or KEY to take it from the environment' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l build-arg-file -d 'A file of KEY=VALUE build arguments, one per line' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand build" -l target -d 'Build up to this stage' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry of the base images' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand build" -l authfile -d 'Path of the authentication file (default: containers-auth.json locations)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand build" -l cert-dir -d 'Folder of certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand build" -l pull -d 'Pull base images: always (bare --pull), missing, never or newer' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l layers -d 'Cache each step as a layer (default: $BUILDAH_LAYERS, else true)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand build" -l format -d 'Image format: oci or docker' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l iidfile -d 'Write the image ID to this file' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand build" -l label -d 'Add a label to the image: KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l annotation -d 'Add an annotation to the image manifest: KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l env -d 'Add an environment variable to the image: KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l network -d 'The network of RUN steps: the default user-mode network, none or host' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l add-host -d 'Add a line to /etc/hosts of RUN steps: NAME:IP' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l dns -d 'DNS server for RUN steps' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l dns-search -d 'DNS search domain for RUN steps' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l dns-option -d 'DNS option for RUN steps' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l secret -d 'A secret for RUN --mount=type=secret: id=ID,src=PATH or id=ID,env=VARIABLE' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l ssh -d 'An ssh agent for RUN --mount=type=ssh: default or ID=SOCKET' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l build-context -d 'An extra named context: NAME=PATH, NAME=docker-image://IMAGE or NAME=URL' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l platform -d 'The platform to build for (only the host\'s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l jobs -d 'How many stages may build at once (default: every stage that is ready)' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l ulimit -d 'A resource limit for RUN steps: NAME=SOFT[:HARD]' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l cap-add -d 'Add a capability to RUN steps' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l cap-drop -d 'Drop a capability from RUN steps' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l security-opt -d 'Security options for RUN steps (seccomp=PROFILE, no-new-privileges)' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l http-proxy -d 'Pass the proxy variables of rcon\'s environment (http_proxy, https_proxy, ftp_proxy, no_proxy, also upper-case) to RUN steps, unless the image sets them' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand build" -l ignorefile -d 'Read ignore patterns from this file instead of .containerignore/.dockerignore' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand build" -l source-date-epoch -d 'Set every time written into the image to this (seconds since the epoch)' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l timestamp -d 'The same as --source-date-epoch (Podman\'s name)' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l logfile -d 'Write the build\'s output (stdout and stderr) to this file instead' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand build" -l progress -d 'Progress output: auto, plain or tty' -r
complete -c rcon -n "__fish_rcon_using_subcommand build" -l rm -d 'Remove intermediate containers (always done)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand build" -l force-rm -d 'Remove intermediate containers also after a failure (always done)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand build" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand build" -l no-cache -d 'Do not reuse cached steps'
complete -c rcon -n "__fish_rcon_using_subcommand build" -l pull-always -d 'Always pull base images (Docker\'s --pull)'
complete -c rcon -n "__fish_rcon_using_subcommand build" -l load -d 'buildx\'s --load: the image is stored locally, as it always is'
complete -c rcon -n "__fish_rcon_using_subcommand build" -l pull-never -d 'Never pull base images (Podman\'s --pull-never, as --pull=never)'
complete -c rcon -n "__fish_rcon_using_subcommand build" -l squash -d 'Squash the new layers into one'
complete -c rcon -n "__fish_rcon_using_subcommand build" -l squash-all -d 'Squash the whole image into one layer'
complete -c rcon -n "__fish_rcon_using_subcommand build" -l no-hosts -d 'Keep the image\'s /etc/hosts in RUN steps'
complete -c rcon -n "__fish_rcon_using_subcommand build" -s q -l quiet -d 'Print only the image ID'
complete -c rcon -n "__fish_rcon_using_subcommand build" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand build" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and not __fish_seen_subcommand_from build help" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and not __fish_seen_subcommand_from build help" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and not __fish_seen_subcommand_from build help" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and not __fish_seen_subcommand_from build help" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and not __fish_seen_subcommand_from build help" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and not __fish_seen_subcommand_from build help" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and not __fish_seen_subcommand_from build help" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and not __fish_seen_subcommand_from build help" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and not __fish_seen_subcommand_from build help" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and not __fish_seen_subcommand_from build help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and not __fish_seen_subcommand_from build help" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and not __fish_seen_subcommand_from build help" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and not __fish_seen_subcommand_from build help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -s t -l tag -d 'Name the image (repeatable)' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -s f -l file -d 'The Containerfile: a path, a URL or - for stdin (default: Containerfile, else Dockerfile, in the context)' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l build-arg -d 'A build argument: KEY=VALUE, or KEY to take it from the environment' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l build-arg-file -d 'A file of KEY=VALUE build arguments, one per line' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l target -d 'Build up to this stage' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry of the base images' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l authfile -d 'Path of the authentication file (default: containers-auth.json locations)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cert-dir -d 'Folder of certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l pull -d 'Pull base images: always (bare --pull), missing, never or newer' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l layers -d 'Cache each step as a layer (default: $BUILDAH_LAYERS, else true)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l format -d 'Image format: oci or docker' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image ID to this file' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l label -d 'Add a label to the image: KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l annotation -d 'Add an annotation to the image manifest: KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l env -d 'Add an environment variable to the image: KEY=VALUE' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l network -d 'The network of RUN steps: the default user-mode network, none or host' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l add-host -d 'Add a line to /etc/hosts of RUN steps: NAME:IP' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l dns -d 'DNS server for RUN steps' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l dns-search -d 'DNS search domain for RUN steps' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l dns-option -d 'DNS option for RUN steps' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l secret -d 'A secret for RUN --mount=type=secret: id=ID,src=PATH or id=ID,env=VARIABLE' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l ssh -d 'An ssh agent for RUN --mount=type=ssh: default or ID=SOCKET' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l build-context -d 'An extra named context: NAME=PATH, NAME=docker-image://IMAGE or NAME=URL' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l platform -d 'The platform to build for (only the host\'s)' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l jobs -d 'How many stages may build at once (default: every stage that is ready)' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l ulimit -d 'A resource limit for RUN steps: NAME=SOFT[:HARD]' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cap-add -d 'Add a capability to RUN steps' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cap-drop -d 'Drop a capability from RUN steps' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l security-opt -d 'Security options for RUN steps (seccomp=PROFILE, no-new-privileges)' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l http-proxy -d 'Pass the proxy variables of rcon\'s environment (http_proxy, https_proxy, ftp_proxy, no_proxy, also upper-case) to RUN steps, unless the image sets them' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l ignorefile -d 'Read ignore patterns from this file instead of .containerignore/.dockerignore' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l source-date-epoch -d 'Set every time written into the image to this (seconds since the epoch)' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l timestamp -d 'The same as --source-date-epoch (Podman\'s name)' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l logfile -d 'Write the build\'s output (stdout and stderr) to this file instead' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l progress -d 'Progress output: auto, plain or tty' -r
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l rm -d 'Remove intermediate containers (always done)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l force-rm -d 'Remove intermediate containers also after a failure (always done)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not reuse cached steps'
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l pull-always -d 'Always pull base images (Docker\'s --pull)'
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l load -d 'buildx\'s --load: the image is stored locally, as it always is'
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l pull-never -d 'Never pull base images (Podman\'s --pull-never, as --pull=never)'
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l squash -d 'Squash the new layers into one'
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l squash-all -d 'Squash the whole image into one layer'
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -l no-hosts -d 'Keep the image\'s /etc/hosts in RUN steps'
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Print only the image ID'
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from build" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from help" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c rcon -n "__fish_rcon_using_subcommand buildx; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand history" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand history" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand history" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand history" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand history" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand history" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand history" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand history" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand history" -s H -l human -d 'Show the creation times as "2 weeks ago" (false: RFC 3339)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand history" -l format -d 'Output as json or a Go template (`table …` for a table)' -r
complete -c rcon -n "__fish_rcon_using_subcommand history" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand history" -l no-trunc -l notruncate -d 'Do not truncate IDs and commands'
complete -c rcon -n "__fish_rcon_using_subcommand history" -s q -l quiet -d 'Print only the IDs'
complete -c rcon -n "__fish_rcon_using_subcommand history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand history" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand diff" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand diff" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand diff" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand diff" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand diff" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand diff" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand diff" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand diff" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand diff" -l format -d 'Output as json (`{"changed": […], "added": […], "deleted": […]}`)' -r
complete -c rcon -n "__fish_rcon_using_subcommand diff" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand diff" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand mount" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand mount" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand mount" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand mount" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand mount" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand mount" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand mount" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand mount" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand mount" -l format -d 'Output the mounted containers as json' -r
complete -c rcon -n "__fish_rcon_using_subcommand mount" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand mount" -s a -l all -d 'Mount every container'
complete -c rcon -n "__fish_rcon_using_subcommand mount" -l no-trunc -l notruncate -d 'Do not truncate IDs'
complete -c rcon -n "__fish_rcon_using_subcommand mount" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand mount" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand umount" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand umount" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand umount" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand umount" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand umount" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand umount" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand umount" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand umount" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand umount" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand umount" -s a -l all -d 'Unmount every mounted container'
complete -c rcon -n "__fish_rcon_using_subcommand umount" -s f -l force -d 'Accepted for Podman\'s sake: a mount is undone even when its container runs'
complete -c rcon -n "__fish_rcon_using_subcommand umount" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand umount" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand unmount" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand unmount" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand unmount" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand unmount" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand unmount" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand unmount" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand unmount" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand unmount" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand unmount" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand unmount" -s a -l all -d 'Unmount every mounted container'
complete -c rcon -n "__fish_rcon_using_subcommand unmount" -s f -l force -d 'Accepted for Podman\'s sake: a mount is undone even when its container runs'
complete -c rcon -n "__fish_rcon_using_subcommand unmount" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand unmount" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand unshare" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand unshare" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand unshare" -l volumepath -d 'Folder for named volumes (default: ROOT/volumes, or containers.conf\'s volume_path)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand unshare" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand unshare" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand unshare" -l cgroup-manager -d 'Cgroup manager: systemd (a transient scope per container) or cgroupfs' -r -f -a "systemd\t'A transient systemd scope from the user\'s manager'
cgroupfs\t'Folders under the current, delegated cgroup'"
complete -c rcon -n "__fish_rcon_using_subcommand unshare" -l events-backend -d 'Where events are recorded and read: file, journald or none (default: containers.conf\'s events_logger, else file)' -r -f -a "file\t''
journald\t''
none\t''"
complete -c rcon -n "__fish_rcon_using_subcommand unshare" -l default-mounts-file -d 'A mounts.conf to read instead of the default ones (HOST_PATH:CONTAINER_PATH lines)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand unshare" -l noout -d 'Print nothing on standard output (errors still go to standard error)'
complete -c rcon -n "__fish_rcon_using_subcommand unshare" -l rootless-netns -l rootless-cni -d 'Run in the namespaces of the named networks\' holder (its bridges and their addresses)'
complete -c rcon -n "__fish_rcon_using_subcommand unshare" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand unshare" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "run" -d 'Run a command in a new container'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "create" -d 'Create a container without starting it'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "start" -d 'Start one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "stop" -d 'Stop one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "kill" -d 'Send a signal to one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "restart" -d 'Restart one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "rm" -d 'Remove one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "ps" -d 'List containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "rename" -d 'Rename a container'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "logs" -d 'Fetch the logs of one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "attach" -d 'Attach to a running container'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "exec" -d 'Run a process in a running container'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "healthcheck" -d 'Run container healthchecks'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "top" -d 'Display the running processes of a container'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "stats" -d 'Display a live stream of container resource usage'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "update" -d 'Change the resource limits of a container'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "pause" -d 'Pause all the processes of one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "unpause" -d 'Unpause the processes of one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "port" -d 'List the published ports of a container'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "cp" -d 'Copy files between a container and the host'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "save" -d 'Save images to an archive'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "load" -d 'Load images from an archive'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "export" -d 'Export a container\'s root filesystem as a tar'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "import" -d 'Import a tar as a new image'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "container" -d 'Manage containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "pull" -d 'Pull an image from a registry'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "push" -d 'Push an image to a registry'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "images" -d 'List images in local storage'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "rmi" -d 'Remove one or more images from local storage'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "tag" -d 'Add an additional name to a local image'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "untag" -d 'Remove a name from a local image'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "inspect" -d 'Display the configuration of images'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "image" -d 'Manage images'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "manifest" -d 'Manage manifest lists'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "volume" -d 'Manage volumes'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "secret" -d 'Manage secrets: data a container gets as a file or a variable, kept out of images'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "network" -d 'Manage networks'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "pod" -d 'Manage pods: containers that share network, IPC and UTS namespaces'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "kube" -d 'Play, take down and generate Kubernetes YAML'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "play" -d 'Play Kubernetes YAML (Podman\'s older name for `kube play`)'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "login" -d 'Log in to a container registry'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "logout" -d 'Log out of a container registry'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "info" -d 'Display rcon\'s system information'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "version" -d 'Display the rcon version'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "system" -d 'Manage rcon itself'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "events" -d 'Show what happens to containers, images, volumes, networks and pods'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "completion" -d 'Print a shell completion script'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "generate" -d 'Generate systemd units (deprecated: use Quadlet)'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "quadlet" -d 'Manage Quadlet files: containers, volumes, networks and pods as systemd services'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "auto-update" -d 'Update containers to newer images by restarting their systemd units'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "buildx" -d 'Docker\'s buildx: `buildx build` is `build`'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "history" -d 'Show the history of an image'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "diff" -d 'Inspect changes on a container\'s or an image\'s filesystem'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "mount" -d 'Mount a container\'s root filesystem (inside `rcon unshare`)'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "umount" -d 'Unmount a container\'s root filesystem'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "unshare" -d 'Run a command in a modified user namespace (the one containers use)'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm ps wait rename logs attach exec healthcheck top stats update pause unpause port cp commit save load export import container pull push images rmi tag untag inspect image manifest volume secret network pod kube play login logout info version system events completion generate quadlet auto-update build buildx history diff mount umount unshare help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from healthcheck" -f -a "run" -d 'Run a container\'s healthcheck once: exit 0 healthy, 1 unhealthy'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "run" -d 'Run a command in a new container'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "create" -d 'Create a container without starting it'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "start" -d 'Start one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "stop" -d 'Stop one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "kill" -d 'Send a signal to one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "restart" -d 'Restart one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "rm" -d 'Remove one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "ls" -d 'List containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "inspect" -d 'Display the configuration of containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "rename" -d 'Rename a container'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "prune" -d 'Remove all containers that are not running'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "exists" -d 'Exit 0 when the container exists, 1 when not'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "attach" -d 'Attach to a running container'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "logs" -d 'Fetch the logs of one or more containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "exec" -d 'Run a process in a running container'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "top" -d 'Display the running processes of a container'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "port" -d 'List the published ports of a container'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "cp" -d 'Copy files between a container and the host'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "commit" -d 'Create a new image from a container\'s changes'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "diff" -d 'Inspect changes on a container\'s filesystem'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "mount" -d 'Mount a container\'s root filesystem (inside `rcon unshare`)'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "umount" -d 'Unmount a container\'s root filesystem'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "export" -d 'Export a container\'s root filesystem as a tar'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "runlabel" -d 'Run the command an image keeps in a label (INSTALL, RUN, UNINSTALL …)'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "ls" -d 'List images in local storage'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "pull" -d 'Pull an image from a registry'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "push" -d 'Push an image to a registry'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "rm" -d 'Remove one or more images'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "tag" -d 'Add an additional name to a local image'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "untag" -d 'Remove a name from a local image'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "inspect" -d 'Display the configuration of images'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "exists" -d 'Exit 0 when the image exists in local storage, 1 when not'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "prune" -d 'Remove unused images'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "history" -d 'Show the history of an image'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "diff" -d 'Inspect changes on an image\'s filesystem'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "mount" -d 'Mount an image\'s layers read-only (inside `rcon unshare`)'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "umount" -d 'Unmount an image'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "save" -d 'Save images to an archive'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "load" -d 'Load images from an archive'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "import" -d 'Import a tar as a new image'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "sign" -d 'Sign registry images with GPG (simple signing)'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "create" -d 'Create a manifest list, optionally with images'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "add" -d 'Add an image to a manifest list'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "annotate" -d 'Change an entry of a manifest list, or the list\'s own annotations'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "inspect" -d 'Print a manifest list as its OCI index or Docker manifest list'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "push" -d 'Push a manifest list and its images to a registry'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "rm" -d 'Remove manifest lists (not their images)'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "exists" -d 'Exit 0 when the manifest list exists, 1 when not'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "create" -d 'Create a volume'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "ls" -d 'List volumes'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "inspect" -d 'Show volumes as JSON'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "rm" -d 'Remove volumes'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "prune" -d 'Remove every volume no container uses'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "exists" -d 'Exit 0 when the volume exists, 1 when it does not'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "export" -d 'Write a volume\'s data as a tar (to stdout, or --output)'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "import" -d 'Unpack a tar (a file, or - for stdin) into a volume'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "mount" -d 'Print the host folder that holds a volume\'s data (a local volume needs no mount)'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "unmount" -d 'Undo `volume mount` (nothing to undo for a local volume: prints its name)'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "create" -d 'Store a secret from a file, from stdin (-) or with --env from a variable'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "ls" -d 'List secrets (never their data)'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "inspect" -d 'Show secrets as JSON (never their data)'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "rm" -d 'Remove secrets (containers keep the copies they were given)'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from secret" -f -a "exists" -d 'Exit 0 when the secret exists, 1 when it does not'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "create" -d 'Create a network'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "ls" -d 'List networks'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "inspect" -d 'Show networks as JSON'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "rm" -d 'Remove networks'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "prune" -d 'Remove every network no container uses'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "exists" -d 'Exit 0 when the network exists, 1 when it does not'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "connect" -d 'Connect a container to a network'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "disconnect" -d 'Disconnect a container from a network'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "reload" -d 'Reload running containers\' networks (rcon keeps no firewall rules: nothing is lost)'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "create" -d 'Create a new pod'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "ps" -d 'List pods'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "inspect" -d 'Display a pod\'s configuration'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "start" -d 'Start the containers of one or more pods'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "stop" -d 'Stop the containers of one or more pods'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "restart" -d 'Restart the containers of one or more pods'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "kill" -d 'Send a signal to the containers of one or more pods'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "pause" -d 'Pause the containers of one or more pods'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "unpause" -d 'Unpause the containers of one or more pods'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "rm" -d 'Remove one or more pods and their containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "prune" -d 'Remove every pod that has no running container'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "exists" -d 'Exit 0 when a pod exists, 1 when not'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "top" -d 'Display the running processes of a pod\'s containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "clone" -d 'Make a copy of a pod and its containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "logs" -d 'Fetch the logs of a pod\'s containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from pod" -f -a "stats" -d 'Display the resource usage of pods\' containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from kube" -f -a "play" -d 'Create pods, containers and volumes from Kubernetes YAML'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from kube" -f -a "down" -d 'Remove the pods and volumes a Kubernetes YAML made'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from kube" -f -a "generate" -d 'Write Kubernetes YAML for pods and containers'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from play" -f -a "kube" -d 'Create pods, containers and volumes from Kubernetes YAML (as `kube play`)'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "reset" -d 'Remove all images, containers, volumes and state'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "info" -d 'Display rcon\'s system information'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "prune" -d 'Remove stopped containers, unused networks, dangling images and the build cache'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "df" -d 'Show rcon\'s disk usage'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "service" -d 'Serve the Docker Engine API (for the docker CLI, docker-compose, SDKs) on a socket'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "systemd" -d 'Generate a systemd user unit that runs a container'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from quadlet" -f -a "install" -d 'Install quadlet files (and the files they use) for the current user'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from quadlet" -f -a "list" -d 'List the installed quadlets'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from quadlet" -f -a "print" -d 'Print the contents of a quadlet file'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from quadlet" -f -a "rm" -d 'Remove quadlet files'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from buildx" -f -a "build" -d 'Build an image from a Containerfile or Dockerfile'
