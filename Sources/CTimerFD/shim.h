// Linux timerfd(2), which Swift's Glibc module does not export: the game loop's movable timer.
#include <sys/timerfd.h>
