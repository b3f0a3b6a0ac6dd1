#!/bin/bash
# A router's Telnet login and CLI, run by a real telnetd (inetutils, -E) on a real PTY: the PTY
# echoes what is typed (stty -echo for passwords), as a router's vty does. Argument: a directory
# with the files user, password, enable (one line each); every login attempt is appended to
# $1/connections, so tests can prove that nobody connected. Behaves like Cisco IOS: "Username:",
# "Password:", "% Login invalid" and three tries; R1> / enable / R1#; "terminal length 0" turns the
# 24-line "--More--" pager off; "% Invalid input detected" for unknown commands.
dir=$1
user=$(cat "$dir/user")
password=$(cat "$dir/password")
enable=$(cat "$dir/enable")
name=tel-r1
echo "connect $$" >>"$dir/connections"

readline() { # one line typed by the client, without CR
  IFS= read -r line || exit 0
  line=${line%$'\r'}
}

printf '\nUser Access Verification\n\n'
ok=
for try in 1 2 3; do
  printf 'Username: '
  readline
  u=$line
  printf 'Password: '
  stty -echo
  readline
  p=$line
  stty echo
  printf '\n'
  if [[ $u == "$user" && $p == "$password" ]]; then
    ok=1
    break
  fi
  printf '%% Login invalid\n\n'
done
[[ -n $ok ]] || exit 1

level='>'
length=24
show_version() {
  local i shown=0
  for i in $(seq 1 60); do
    printf 'version line %02d of 60: Cisco IOS Software, C2900 Software, Version 15.7(3)M8\n' "$i"
    shown=$((shown + 1))
    if ((length > 0 && shown == length - 1 && i < 60)); then
      printf ' --More-- '
      IFS= read -rsn1 _
      printf '\r          \r'
      shown=0
    fi
  done
}
while true; do
  printf '%s%s' "$name" "$level"
  readline
  cmd=$(echo "$line" | sed 's/^ *//; s/ *$//')
  case "$cmd" in
    '') ;;
    enable)
      if [[ $level == '>' ]]; then
        printf 'Password: '
        stty -echo
        readline
        stty echo
        printf '\n'
        if [[ $line == "$enable" ]]; then level='#'; else printf '%% Bad secrets\n\n'; fi
      fi
      ;;
    disable) level='>' ;;
    'terminal length 0') length=0 ;;
    'terminal width 512') ;;
    'show clock') printf '*10:00:00.000 UTC Mon Mar 2 2026\n' ;;
    'show version') show_version ;;
    exit | quit) exit 0 ;;
    *)
      printf "%% Invalid input detected at '^' marker.\n\n"
      ;;
  esac
done
