#!/bin/sh
# Install Rooted Desktop for the current user, from the unpacked tarball (no root needed):
#   the program    -> ~/.local/opt/rooted-desktop/  (replaced whole on an upgrade)
#   the command    -> ~/.local/bin/rooted-desktop   (a link)
#   the launcher   -> ~/.local/share/applications/rooted-desktop.desktop
#   the icons      -> ~/.local/share/icons/hicolor/<size>/apps/rooted-desktop.png
# `install.sh --uninstall` removes those again. Neither touches the coach's data, which
# lives in ~/.local/share/Rooted Desktop (and the log in ~/.local/state/Rooted Desktop).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
opt=$HOME/.local/opt/rooted-desktop
bin=$HOME/.local/bin
apps=$data_home/applications
icons=$data_home/icons/hicolor

uninstall() {
    rm -rf "$opt"
    rm -f "$bin/rooted-desktop" "$apps/rooted-desktop.desktop"
    for icon in "$icons"/*/apps/rooted-desktop.png; do
        [ -e "$icon" ] && rm -f "$icon"
    done
}

refresh() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    uninstall
    refresh
    echo "Rooted Desktop removed. Your data is still in $data_home/Rooted Desktop."
    exit 0
fi

if [ "$here" != "$opt" ]; then
    rm -rf "$opt.new"
    mkdir -p "$(dirname "$opt")"
    cp -R "$here" "$opt.new"
    rm -rf "$opt"
    mv "$opt.new" "$opt"
fi
mkdir -p "$bin" "$apps"
ln -sf "$opt/rooted-desktop" "$bin/rooted-desktop"
# Exec with the full path: ~/.local/bin is not on every desktop session's PATH.
sed "s|^Exec=rooted-desktop|Exec=\"$opt/rooted-desktop\"|" \
    "$opt/share/applications/rooted-desktop.desktop" >"$apps/rooted-desktop.desktop"
for source in "$opt"/share/icons/hicolor/*/apps/rooted-desktop.png; do
    size=$(basename "$(dirname "$(dirname "$source")")")
    mkdir -p "$icons/$size/apps"
    cp "$source" "$icons/$size/apps/rooted-desktop.png"
done
refresh
echo "Rooted Desktop installed: find it in your applications, or run $bin/rooted-desktop"
