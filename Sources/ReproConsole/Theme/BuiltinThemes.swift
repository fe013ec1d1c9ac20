/// Copies of `Themes/default.theme` and `Themes/mono.theme` compiled into the binary, so the
/// console has a theme even when no `Themes/` directory can be found. A test keeps them equal to the files.
enum BuiltinThemes {
    /// The built-in themes by name.
    static let all: [String: String] = ["default": defaultTheme, "mono": mono]

    static let defaultTheme = #"""
# repro console theme: default (dark background).
# Each line: ROLE = FOREGROUND [on BACKGROUND] [bold] [underline] [reverse] [dim]
# Colours: a name (black red green yellow blue magenta cyan white, bright-*,
# gray, default), a 0-255 index, or #RRGGBB; each maps to the nearest colour
# the terminal has. Roles not named here keep their monochrome attributes.
name = default

normal           = default on default
header           = white on blue bold
footer           = white on #303030
footer.key       = yellow on #303030 bold
title            = cyan bold
border           = #5f87af
selected         = black on cyan bold
dim              = #8a8a8a
ok               = green
warning          = yellow bold
error            = #ff5f5f bold
nat              = magenta bold
expiring         = yellow bold
paused           = black on yellow bold
filter           = yellow bold
overlay          = white on #1c1c1c
form.label       = cyan
form.error       = #ff5f5f bold
input            = white on #3a3a3a underline
sip.start-line   = bright-white bold
sip.header-name  = cyan
sip.body         = #afd7af
ladder.chain     = #5fafff bold
ladder.processor = default
ladder.branch    = #d7af5f
ladder.final     = bright-white bold
ladder.winner    = black on green bold
inbound          = #87d7ff
outbound         = #d7afff
"""#

    static let mono = #"""
# repro console theme: mono (no colour at all; attributes only). NO_COLOR selects it.
# Format: see default.theme.
name = mono

normal           = default
header           = default reverse bold
footer           = default reverse
footer.key       = default reverse bold
title            = default bold
border           = default dim
selected         = default reverse
dim              = default dim
ok               = default
warning          = default bold
error            = default bold underline
nat              = default bold
expiring         = default bold
paused           = default reverse bold
filter           = default bold
overlay          = default
form.label       = default bold
form.error       = default bold underline
input            = default underline
sip.start-line   = default bold
sip.header-name  = default underline
sip.body         = default dim
ladder.chain     = default bold underline
ladder.processor = default
ladder.branch    = default bold
ladder.final     = default bold
ladder.winner    = default reverse bold
inbound          = default
outbound         = default
"""#
}
