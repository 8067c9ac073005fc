#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncurses.h>

/* Accessors for what Swift cannot import (macros, and globals Swift 6 calls unsafe). */
static inline WINDOW *nc_stdscr(void) { return stdscr; }
static inline int nc_lines(void) { return LINES; }
static inline int nc_cols(void) { return COLS; }
static inline int nc_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t nc_color_pair(short n) { return (attr_t)COLOR_PAIR(n); }
static const attr_t NC_A_NORMAL = A_NORMAL, NC_A_BOLD = A_BOLD, NC_A_DIM = A_DIM,
                    NC_A_REVERSE = A_REVERSE, NC_A_UNDERLINE = A_UNDERLINE;
static inline int nc_mvadd_wch(int y, int x, wchar_t ch, attr_t a, short pair) {
  cchar_t cc; wchar_t s[2] = { ch, 0 };
  if (setcchar(&cc, s, a, pair, NULL) != OK) return ERR;
  return mvadd_wch(y, x, &cc);
}
