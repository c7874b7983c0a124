# bash completion for tgsession                                    -*- shell-script -*-
# Install: copy to /usr/share/bash-completion/completions/tgsession (or source it).

_tgsession()
{
    local cur prev words cword
    _init_completion || return

    local globals="--api-id --api-hash --api-hash-file --config --dc --rsa-key --server-config
        --test --proxy --ipv6 --timeout --transport --json -v --verbose -q --quiet --color
        --wait --passphrase-file --help --version"
    local commands="login bot-login status revoke convert export import"
    local file_formats="telethon telethon2 pyrogram"
    local string_formats="telethon-string gramjs-string pyrogram-string"

    # Options that take a value.
    case $prev in
        --api-hash-file|--config|--rsa-key|--server-config|--code-file|--password-file|\
        --token-file|--passphrase-file)
            _filedir
            return ;;
        --color)
            COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
            return ;;
        --transport)
            COMPREPLY=($(compgen -W "abridged intermediate padded full obfuscated" -- "$cur"))
            return ;;
        --format)
            COMPREPLY=($(compgen -W "$file_formats" -- "$cur"))
            return ;;
        --to)
            local cmd_to
            for w in "${words[@]}"; do [[ $w == export ]] && cmd_to=export; done
            if [[ $cmd_to == export ]]; then
                COMPREPLY=($(compgen -W "$string_formats" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "$file_formats $string_formats tdata" -- "$cur"))
            fi
            return ;;
        --api-id|--api-hash|--dc|--proxy|--timeout|--wait|--phone|--code|--hash)
            return ;;
    esac

    local cmd="" i
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            login|bot-login|status|revoke|convert|export|import) cmd=${words[i]}; break ;;
        esac
    done

    local opts
    case $cmd in
        "")        COMPREPLY=($(compgen -W "$globals $commands" -- "$cur")); return ;;
        login)     opts="--phone --code --code-file --password-file --qr --send-code --force --keep-old --format --seal --email --email-code --recover --recovery-code --new-password-file --sign-up --accept-tos" ;;
        bot-login) opts="--token-file --force --keep-old --format" ;;
        status)    opts="--offline --files-from -0 --null --jobs --keep-order" ;;
        revoke)    opts="--list --others --hash --delete --forget" ;;
        convert)   opts="--to --seal --unseal --force --account" ;;
        export)    opts="--to" ;;
        import)    opts="--format --force" ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts $globals" -- "$cur"))
    else
        _filedir
    fi
} && complete -F _tgsession tgsession

# ex: filetype=sh
