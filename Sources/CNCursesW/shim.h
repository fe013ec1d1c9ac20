#ifndef REPRO_CNCURSESW_SHIM_H
#define REPRO_CNCURSESW_SHIM_H
// SwiftPM drops ncurses' pkg-config defines: without this the wide-char API vanishes.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncurses.h>
#include <langinfo.h>
#include <string.h>

// Macros and globals Swift cannot import (or rejects under strict concurrency).
static inline WINDOW *repro_stdscr(void) { return stdscr; }
static inline int repro_lines(void) { return LINES; }
static inline int repro_cols(void) { return COLS; }
static inline int repro_colors(void) { return COLORS; }
static inline int repro_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t repro_a_bold(void) { return A_BOLD; }
static inline attr_t repro_a_reverse(void) { return A_REVERSE; }
static inline attr_t repro_a_underline(void) { return A_UNDERLINE; }
static inline attr_t repro_a_dim(void) { return A_DIM; }
static inline attr_t repro_a_normal(void) { return A_NORMAL; }
static inline attr_t repro_color_pair(int n) { return COLOR_PAIR(n); }
static inline int repro_key_f(int n) { return KEY_F(n); }
static inline void repro_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }

// Key codes (octal macros) as functions, so the console does not depend on how they import.
static inline int repro_key_code_yes(void) { return KEY_CODE_YES; }
static inline int repro_key_resize(void) { return KEY_RESIZE; }
static inline int repro_key_up(void) { return KEY_UP; }
static inline int repro_key_down(void) { return KEY_DOWN; }
static inline int repro_key_left(void) { return KEY_LEFT; }
static inline int repro_key_right(void) { return KEY_RIGHT; }
static inline int repro_key_home(void) { return KEY_HOME; }
static inline int repro_key_end(void) { return KEY_END; }
static inline int repro_key_npage(void) { return KEY_NPAGE; }
static inline int repro_key_ppage(void) { return KEY_PPAGE; }
static inline int repro_key_enter(void) { return KEY_ENTER; }
static inline int repro_key_backspace(void) { return KEY_BACKSPACE; }
static inline int repro_key_dc(void) { return KEY_DC; }
static inline int repro_key_btab(void) { return KEY_BTAB; }

// Sets a window's attributes and colour pair in one call (wattrset is a macro).
static inline void repro_wattr_set(WINDOW *w, attr_t attrs, short pair) { wattr_set(w, attrs, pair, NULL); }
// A screen on the process's own stdin/stdout; NULL (instead of exiting, as initscr does) when TERM is unusable.
static inline SCREEN *repro_newterm(void) { return newterm(NULL, stdout, stdin); }
// Cells a wide character takes (declared here: glibc hides wcwidth without _XOPEN_SOURCE).
extern int wcwidth(wchar_t c);
static inline int repro_wcwidth(wchar_t c) { return wcwidth(c); }
// Whether the locale set by setlocale() encodes text as UTF-8 (else line drawing falls back to ASCII).
static inline int repro_codeset_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}
#endif
