# fish completion for tgsession. Install into ~/.config/fish/completions/.

set -l cmds login bot-login status revoke convert export import
set -l file_formats telethon telethon2 pyrogram
set -l string_formats telethon-string gramjs-string pyrogram-string

complete -c tgsession -f
complete -c tgsession -n "not __fish_seen_subcommand_from $cmds" -a login -d 'log in a user account (or a bot)'
complete -c tgsession -n "not __fish_seen_subcommand_from $cmds" -a bot-login -d 'log in a bot with its token'
complete -c tgsession -n "not __fish_seen_subcommand_from $cmds" -a status -d 'is each session authorized?'
complete -c tgsession -n "not __fish_seen_subcommand_from $cmds" -a revoke -d 'log out or manage authorizations'
complete -c tgsession -n "not __fish_seen_subcommand_from $cmds" -a convert -d 'convert a session between formats'
complete -c tgsession -n "not __fish_seen_subcommand_from $cmds" -a export -d 'print a session as a string session'
complete -c tgsession -n "not __fish_seen_subcommand_from $cmds" -a import -d 'write a string session to a file'

# Global options
complete -c tgsession -l api-id -x -d 'Telegram API id'
complete -c tgsession -l api-hash -x -d 'Telegram API hash (prefer $TG_API_HASH)'
complete -c tgsession -l api-hash-file -r -F -d 'read the API hash from a file'
complete -c tgsession -l config -r -F -d 'TOML/INI file with global options'
complete -c tgsession -l dc -x -d 'DC address ID=HOST:PORT'
complete -c tgsession -l rsa-key -r -F -d 'server RSA public key (PEM)'
complete -c tgsession -l server-config -r -F -d 'tgsession-testdc JSON config'
complete -c tgsession -l test -d "use Telegram's test DCs"
complete -c tgsession -l proxy -x -d 'proxy URL'
complete -c tgsession -l ipv6 -d 'prefer IPv6'
complete -c tgsession -l timeout -x -d 'network timeout (seconds)'
complete -c tgsession -l transport -x -a 'abridged intermediate padded full obfuscated' -d 'MTProto transport'
complete -c tgsession -l json -d 'JSON output on stdout'
complete -c tgsession -s v -l verbose -d 'more log output'
complete -c tgsession -s q -l quiet -d 'less output'
complete -c tgsession -l color -x -a 'auto always never' -d 'colour output'
complete -c tgsession -l wait -x -d 'wait for a locked session (seconds)'
complete -c tgsession -l passphrase-file -r -F -d 'passphrase for sealed sessions'
complete -c tgsession -l version -d 'show the version'

# login
complete -c tgsession -n '__fish_seen_subcommand_from login' -F
complete -c tgsession -n '__fish_seen_subcommand_from login' -l phone -x -d 'phone number'
complete -c tgsession -n '__fish_seen_subcommand_from login' -l code -x -d 'login code'
complete -c tgsession -n '__fish_seen_subcommand_from login' -l code-file -r -F -d 'read the code from a file'
complete -c tgsession -n '__fish_seen_subcommand_from login' -l password-file -r -F -d 'read the 2FA password from a file'
complete -c tgsession -n '__fish_seen_subcommand_from login' -l qr -d 'log in with a QR code'
complete -c tgsession -n '__fish_seen_subcommand_from login' -l send-code -d 'send the code, finish later'
complete -c tgsession -n '__fish_seen_subcommand_from login bot-login' -l force -d 'replace an authorized session'
complete -c tgsession -n '__fish_seen_subcommand_from login bot-login' -l keep-old -d 'with --force, leave the replaced authorization logged in'
complete -c tgsession -n '__fish_seen_subcommand_from login bot-login import' -l format -x -a "$file_formats" -d 'file format'
complete -c tgsession -n '__fish_seen_subcommand_from login convert' -l seal -d 'write a sealed session'
# bot-login
complete -c tgsession -n '__fish_seen_subcommand_from bot-login' -F
complete -c tgsession -n '__fish_seen_subcommand_from bot-login' -l token-file -r -F -d 'read the token from a file'
# status
complete -c tgsession -n '__fish_seen_subcommand_from status' -F
complete -c tgsession -n '__fish_seen_subcommand_from status' -l offline -d 'only what the file says'
complete -c tgsession -n '__fish_seen_subcommand_from status' -l files-from -r -F -d 'also check the files listed in a file'
complete -c tgsession -n '__fish_seen_subcommand_from status' -s 0 -l null -d 'the list is NUL separated'
complete -c tgsession -n '__fish_seen_subcommand_from status' -l jobs -x -d 'online checks in flight at once'
complete -c tgsession -n '__fish_seen_subcommand_from status' -l keep-order -d 'print in input order'
# revoke
complete -c tgsession -n '__fish_seen_subcommand_from revoke' -F
complete -c tgsession -n '__fish_seen_subcommand_from revoke' -l list -d 'list authorizations'
complete -c tgsession -n '__fish_seen_subcommand_from revoke' -l others -d 'end all other authorizations'
complete -c tgsession -n '__fish_seen_subcommand_from revoke' -l hash -x -d 'end one authorization'
complete -c tgsession -n '__fish_seen_subcommand_from revoke' -l delete -d 'delete the file after logging out'
complete -c tgsession -n '__fish_seen_subcommand_from revoke' -l forget -d 'delete the future auth tokens too'
complete -c tgsession -n '__fish_seen_subcommand_from login' -l email -r -d 'login email to set up'
complete -c tgsession -n '__fish_seen_subcommand_from login' -l email-code -r -d 'code sent to the login email'
complete -c tgsession -n '__fish_seen_subcommand_from login' -l recover -d 'recover the 2FA password by email'
complete -c tgsession -n '__fish_seen_subcommand_from login' -l recovery-code -r -d 'emailed recovery code'
complete -c tgsession -n '__fish_seen_subcommand_from login' -l new-password-file -r -F -d 'new 2FA password after recovery'
complete -c tgsession -n '__fish_seen_subcommand_from login' -l sign-up -r -d 'create the account: First Last'
complete -c tgsession -n '__fish_seen_subcommand_from login' -l accept-tos -d 'accept the terms of service'
# convert / export / import
complete -c tgsession -n '__fish_seen_subcommand_from convert import' -F
complete -c tgsession -n '__fish_seen_subcommand_from convert' -l to -x -a "$file_formats $string_formats tdata" -d 'destination format'
complete -c tgsession -n '__fish_seen_subcommand_from convert' -l account -x -a "0 1 2 3 4 5" -d 'account of a tdata source'
complete -c tgsession -n '__fish_seen_subcommand_from convert' -l unseal -d 'write a plain file'
complete -c tgsession -n '__fish_seen_subcommand_from convert import' -l force -d 'overwrite DST'
complete -c tgsession -n '__fish_seen_subcommand_from export' -F
complete -c tgsession -n '__fish_seen_subcommand_from export' -l to -x -a "$string_formats" -d 'string format'
