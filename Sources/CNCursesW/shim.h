#ifndef REPRO_CNCURSESW_SHIM_H
#define REPRO_CNCURSESW_SHIM_H
// SwiftPM drops ncurses' pkg-config defines: without this the wide-char API vanishes.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncurses.h>

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
#endif
