#include <graphviz/gvc.h>
static inline Agdesc_t cgv_directed(void) { return Agdirected; }
