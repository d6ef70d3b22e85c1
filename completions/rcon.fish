# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_rcon_global_optspecs
    string join \n root= runroot= storage-driver= log-level= h/help V/version
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
complete -c rcon -n "__fish_rcon_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_needs_command" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "pull" -d 'Pull an image from a registry'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "images" -d 'List images in local storage'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "rmi" -d 'Remove one or more images from local storage'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "tag" -d 'Add an additional name to a local image'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "untag" -d 'Remove a name from a local image'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "inspect" -d 'Display the configuration of images'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "image" -d 'Manage images'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "login" -d 'Log in to a container registry'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "logout" -d 'Log out of a container registry'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "info" -d 'Display rcon\'s system information'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "version" -d 'Display the rcon version'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "system" -d 'Manage rcon itself'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "completion" -d 'Print a shell completion script'
complete -c rcon -n "__fish_rcon_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l platform -d 'Platform to choose from a multi-platform image (os/arch[/variant])' -r
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l arch -d 'Architecture to choose instead of the host\'s' -r
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l os -d 'Operating system to choose instead of the host\'s' -r
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l variant -d 'Architecture variant to choose' -r
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l authfile -d 'Path of the authentication file (default: containers-auth.json locations)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l cert-dir -d 'Folder of certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand pull" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
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
complete -c rcon -n "__fish_rcon_using_subcommand pull" -s q -l quiet -d 'Print only the image ID'
complete -c rcon -n "__fish_rcon_using_subcommand pull" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand pull" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand images" -l format -d 'Output: json, or a Go template such as \'{{.Repository}}:{{.Tag}} {{.ID}}\'' -r
complete -c rcon -n "__fish_rcon_using_subcommand images" -s f -l filter -d 'Filter: dangling=true|false, reference=PATTERN, id=ID' -r
complete -c rcon -n "__fish_rcon_using_subcommand images" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand images" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
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
complete -c rcon -n "__fish_rcon_using_subcommand images" -s a -l all -d 'Show all images, intermediate ones included'
complete -c rcon -n "__fish_rcon_using_subcommand images" -s q -l quiet -d 'Print only the image IDs'
complete -c rcon -n "__fish_rcon_using_subcommand images" -l digests -d 'Show digests'
complete -c rcon -n "__fish_rcon_using_subcommand images" -l no-trunc -d 'Do not truncate IDs'
complete -c rcon -n "__fish_rcon_using_subcommand images" -s n -l noheading -d 'Do not print the header'
complete -c rcon -n "__fish_rcon_using_subcommand images" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand images" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand rmi" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand rmi" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
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
complete -c rcon -n "__fish_rcon_using_subcommand rmi" -s a -l all -d 'Remove all images'
complete -c rcon -n "__fish_rcon_using_subcommand rmi" -s f -l force -d 'Remove an image even when it has several names (removes them all)'
complete -c rcon -n "__fish_rcon_using_subcommand rmi" -s i -l ignore -d 'Ignore images that do not exist'
complete -c rcon -n "__fish_rcon_using_subcommand rmi" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand rmi" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand tag" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand tag" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
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
complete -c rcon -n "__fish_rcon_using_subcommand tag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand tag" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand untag" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand untag" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
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
complete -c rcon -n "__fish_rcon_using_subcommand untag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand untag" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand inspect" -s f -l format -d 'Format the output with a Go template' -r
complete -c rcon -n "__fish_rcon_using_subcommand inspect" -s t -l type -d 'Only objects of this type (image)' -r
complete -c rcon -n "__fish_rcon_using_subcommand inspect" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand inspect" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
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
complete -c rcon -n "__fish_rcon_using_subcommand inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand inspect" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull rm tag untag inspect exists prune help" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull rm tag untag inspect exists prune help" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull rm tag untag inspect exists prune help" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull rm tag untag inspect exists prune help" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull rm tag untag inspect exists prune help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull rm tag untag inspect exists prune help" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull rm tag untag inspect exists prune help" -f -a "ls" -d 'List images in local storage'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull rm tag untag inspect exists prune help" -f -a "list" -d 'List images in local storage'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull rm tag untag inspect exists prune help" -f -a "pull" -d 'Pull an image from a registry'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull rm tag untag inspect exists prune help" -f -a "rm" -d 'Remove one or more images'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull rm tag untag inspect exists prune help" -f -a "tag" -d 'Add an additional name to a local image'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull rm tag untag inspect exists prune help" -f -a "untag" -d 'Remove a name from a local image'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull rm tag untag inspect exists prune help" -f -a "inspect" -d 'Display the configuration of images'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull rm tag untag inspect exists prune help" -f -a "exists" -d 'Exit 0 when the image exists in local storage, 1 when not'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull rm tag untag inspect exists prune help" -f -a "prune" -d 'Remove unused images'
complete -c rcon -n "__fish_rcon_using_subcommand image; and not __fish_seen_subcommand_from ls list pull rm tag untag inspect exists prune help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'Output: json, or a Go template such as \'{{.Repository}}:{{.Tag}} {{.ID}}\'' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: dangling=true|false, reference=PATTERN, id=ID' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
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
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all images, intermediate ones included'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only the image IDs'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -l digests -d 'Show digests'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate IDs'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print the header'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -l format -d 'Output: json, or a Go template such as \'{{.Repository}}:{{.Tag}} {{.ID}}\'' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter: dangling=true|false, reference=PATTERN, id=ID' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
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
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all images, intermediate ones included'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the image IDs'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -l digests -d 'Show digests'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate IDs'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print the header'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l platform -d 'Platform to choose from a multi-platform image (os/arch[/variant])' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l arch -d 'Architecture to choose instead of the host\'s' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l os -d 'Operating system to choose instead of the host\'s' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l variant -d 'Architecture variant to choose' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l authfile -d 'Path of the authentication file (default: containers-auth.json locations)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l cert-dir -d 'Folder of certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
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
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Print only the image ID'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from pull" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from rm" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from rm" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
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
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all images'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove an image even when it has several names (removes them all)'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore images that do not exist'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from tag" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from tag" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
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
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from tag" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from untag" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from untag" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
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
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from untag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from untag" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output with a Go template' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from inspect" -s t -l type -d 'Only objects of this type (image)' -r
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from inspect" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
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
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from inspect" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from exists" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from exists" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
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
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from exists" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from prune" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from prune" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
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
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all images that no container uses, not only those without a name'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from prune" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List images in local storage'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "pull" -d 'Pull an image from a registry'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more images'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "tag" -d 'Add an additional name to a local image'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "untag" -d 'Remove a name from a local image'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display the configuration of images'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 when the image exists in local storage, 1 when not'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove unused images'
complete -c rcon -n "__fish_rcon_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand login" -s u -l username -d 'Username' -r
complete -c rcon -n "__fish_rcon_using_subcommand login" -s p -l password -d 'Password (prefer --password-stdin: this one shows in the process list)' -r
complete -c rcon -n "__fish_rcon_using_subcommand login" -l tls-verify -d 'Require HTTPS and verify certificates (false allows plain HTTP and unverified TLS)' -r -f -a "true\t''
false\t''"
complete -c rcon -n "__fish_rcon_using_subcommand login" -l authfile -d 'Path of the authentication file (default: containers-auth.json locations)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand login" -l cert-dir -d 'Folder of certificates (*.crt, *.cert, *.key) for the registry' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand login" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand login" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
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
complete -c rcon -n "__fish_rcon_using_subcommand login" -l password-stdin -d 'Read the password from standard input'
complete -c rcon -n "__fish_rcon_using_subcommand login" -l get-login -d 'Print the username stored for the registry'
complete -c rcon -n "__fish_rcon_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand login" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand logout" -l authfile -d 'Path of the authentication file' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand logout" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand logout" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
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
complete -c rcon -n "__fish_rcon_using_subcommand logout" -s a -l all -d 'Remove the credentials of every registry'
complete -c rcon -n "__fish_rcon_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand logout" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand info" -s f -l format -d 'Output: json, or a Go template such as \'{{.Store.GraphRoot}}\'' -r
complete -c rcon -n "__fish_rcon_using_subcommand info" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand info" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
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
complete -c rcon -n "__fish_rcon_using_subcommand info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand info" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand version" -s f -l format -d 'Output: json, or a Go template such as \'{{.Client.Version}}\'' -r
complete -c rcon -n "__fish_rcon_using_subcommand version" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand version" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
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
complete -c rcon -n "__fish_rcon_using_subcommand version" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand version" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info help" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info help" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info help" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "auto\t'Kernel overlay where a user namespace may mount it, else fuse-overlay, else vfs'
overlay\t'Kernel overlayfs with userxattr'
fuse-overlay\t'rcon\'s own FUSE overlay'
vfs\t'A full copy of the layers per container'"
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info help" -l log-level -d 'Log messages at or above this level on stderr' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
error\t''
fatal\t''
panic\t''"
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info help" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info help" -f -a "reset" -d 'Remove all images, containers, volumes and state'
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info help" -f -a "info" -d 'Display rcon\'s system information'
complete -c rcon -n "__fish_rcon_using_subcommand system; and not __fish_seen_subcommand_from reset info help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from reset" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from reset" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
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
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from reset" -s f -l force -d 'Do not ask for confirmation'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from reset" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from info" -s f -l format -d 'Output: json, or a Go template such as \'{{.Store.GraphRoot}}\'' -r
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from info" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from info" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
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
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from info" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Remove all images, containers, volumes and state'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "info" -d 'Display rcon\'s system information'
complete -c rcon -n "__fish_rcon_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand completion" -l root -d 'Folder for images, containers and volumes (default: $XDG_DATA_HOME/rcon)' -r -F
complete -c rcon -n "__fish_rcon_using_subcommand completion" -l runroot -d 'Folder for volatile state (default: $XDG_RUNTIME_DIR/rcon)' -r -F
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
complete -c rcon -n "__fish_rcon_using_subcommand completion" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rcon -n "__fish_rcon_using_subcommand completion" -s V -l version -d 'Print version'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag untag inspect image login logout info version system completion help" -f -a "pull" -d 'Pull an image from a registry'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag untag inspect image login logout info version system completion help" -f -a "images" -d 'List images in local storage'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag untag inspect image login logout info version system completion help" -f -a "rmi" -d 'Remove one or more images from local storage'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag untag inspect image login logout info version system completion help" -f -a "tag" -d 'Add an additional name to a local image'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag untag inspect image login logout info version system completion help" -f -a "untag" -d 'Remove a name from a local image'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag untag inspect image login logout info version system completion help" -f -a "inspect" -d 'Display the configuration of images'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag untag inspect image login logout info version system completion help" -f -a "image" -d 'Manage images'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag untag inspect image login logout info version system completion help" -f -a "login" -d 'Log in to a container registry'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag untag inspect image login logout info version system completion help" -f -a "logout" -d 'Log out of a container registry'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag untag inspect image login logout info version system completion help" -f -a "info" -d 'Display rcon\'s system information'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag untag inspect image login logout info version system completion help" -f -a "version" -d 'Display the rcon version'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag untag inspect image login logout info version system completion help" -f -a "system" -d 'Manage rcon itself'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag untag inspect image login logout info version system completion help" -f -a "completion" -d 'Print a shell completion script'
complete -c rcon -n "__fish_rcon_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag untag inspect image login logout info version system completion help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "ls" -d 'List images in local storage'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "pull" -d 'Pull an image from a registry'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "rm" -d 'Remove one or more images'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "tag" -d 'Add an additional name to a local image'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "untag" -d 'Remove a name from a local image'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "inspect" -d 'Display the configuration of images'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "exists" -d 'Exit 0 when the image exists in local storage, 1 when not'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "prune" -d 'Remove unused images'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "reset" -d 'Remove all images, containers, volumes and state'
complete -c rcon -n "__fish_rcon_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "info" -d 'Display rcon\'s system information'
