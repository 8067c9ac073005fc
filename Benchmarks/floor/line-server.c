/*
 * The floor of server CPU per command on this machine: a single-threaded epoll telnet-ish server
 * that does no game work at all. It greets each connection, and answers each input line with one
 * short reply (the lag probe as mudserver answers it, anything else with a fixed room text).
 * Benchmarks/evennia-compare.py runs it under the same dummyrunner load as mudserver and Evennia,
 * so the CPU per command it needs is what wake-ups, reads and loopback writes alone cost here.
 *
 *   cc -O2 -o line-server line-server.c && ./line-server PORT
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_FD 65536
#define LINE_MAX_BYTES 4096

static char pending[MAX_FD][LINE_MAX_BYTES];
static size_t pendingBytes[MAX_FD];
static volatile sig_atomic_t stopping = 0;

static const char banner[] = "Welcome to the floor server.\r\nType anything.\r\n";
static const char room[] = "A Plain Room(#2)\r\nNothing here but the cost of a reply.\r\n"
                           "Exits: out(#3)\r\n";

static void onSignal(int signal) { (void)signal; stopping = 1; }

static void sendAll(int fd, const char *bytes, size_t count) {
    while (count > 0) {
        ssize_t sent = write(fd, bytes, count);
        if (sent < 0) {
            if (errno == EINTR) continue;
            return; /* a full or broken socket: this reference server drops the reply */
        }
        bytes += sent;
        count -= (size_t)sent;
    }
}

static void answer(int fd, const char *line, size_t length) {
    static const char probe[] = "dummyrunner_echo_response ";
    if (length >= sizeof probe - 1 && memcmp(line, probe, sizeof probe - 1) == 0) {
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        char reply[256];
        int count = snprintf(reply, sizeof reply, "dummyrunner_echo_response:%.*s,%lld.%06ld\r\n",
                             (int)(length - (sizeof probe - 1)), line + sizeof probe - 1,
                             (long long)now.tv_sec, now.tv_nsec / 1000);
        if (count > 0) sendAll(fd, reply, (size_t)count < sizeof reply ? (size_t)count : sizeof reply - 1);
    } else {
        sendAll(fd, room, sizeof room - 1);
    }
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 2;
    }
    signal(SIGTERM, onSignal);
    signal(SIGINT, onSignal);
    signal(SIGPIPE, SIG_IGN);
    int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[1])),
                                  .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, 512) != 0) {
        perror("line-server: cannot listen");
        return 1;
    }
    int poller = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN, .data.fd = listener};
    epoll_ctl(poller, EPOLL_CTL_ADD, listener, &event);
    struct epoll_event ready[256];
    char chunk[8192];
    while (!stopping) {
        int count = epoll_wait(poller, ready, 256, 1000);
        for (int index = 0; index < count; index++) {
            int fd = ready[index].data.fd;
            if (fd == listener) {
                int client;
                while ((client = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    if (client >= MAX_FD) { close(client); continue; }
                    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
                    pendingBytes[client] = 0;
                    struct epoll_event watch = {.events = EPOLLIN, .data.fd = client};
                    epoll_ctl(poller, EPOLL_CTL_ADD, client, &watch);
                    sendAll(client, banner, sizeof banner - 1);
                }
                continue;
            }
            ssize_t got = read(fd, chunk, sizeof chunk);
            if (got <= 0) {
                if (got < 0 && (errno == EAGAIN || errno == EINTR)) continue;
                epoll_ctl(poller, EPOLL_CTL_DEL, fd, NULL);
                close(fd);
                continue;
            }
            for (ssize_t at = 0; at < got; at++) {
                char byte = chunk[at];
                if (byte == '\n') {
                    size_t length = pendingBytes[fd];
                    if (length > 0 && pending[fd][length - 1] == '\r') length--;
                    answer(fd, pending[fd], length);
                    pendingBytes[fd] = 0;
                } else if (pendingBytes[fd] < LINE_MAX_BYTES) {
                    pending[fd][pendingBytes[fd]++] = byte;
                }
            }
        }
    }
    return 0;
}
