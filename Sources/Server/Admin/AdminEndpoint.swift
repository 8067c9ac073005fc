#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOPosix
import ProfileKit

/// The admin listeners: a Unix-domain socket in the game directory (mode 0600, refused otherwise)
/// and, when configured, TCP on 127.0.0.1 guarded by a token file (mode 0600).
final class AdminEndpoint: Sendable {
    /// The socket's path.
    let socketPath: String
    /// The TCP port bound (nil when TCP is off).
    let tcpPort: Int?
    private let tokenPath: String?
    private let channels: [any Channel]

    /// Binds the socket (and TCP on `tcpPort` if given, 0 picking a free port) on `group`.
    init(service: AdminService, socketPath: String, tcpPort: Int?, tokenPath: String, group: any EventLoopGroup)
        throws(LauncherError)
    {
        guard socketPath.utf8.count < 108 else {
            throw .startFailed("admin socket path is too long for a Unix socket (\(socketPath.utf8.count) bytes): \(socketPath)")
        }
        func bootstrap(token: String?) -> ServerBootstrap {
            ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 16)
                .serverChannelInitializer { ListenerGuard.install(on: $0, name: "admin", logger: nil) }
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(AdminConnectionHandler(service: service, token: token))
                    }
                }
        }
        var bound: [any Channel] = []
        // Made private from birth: no moment where another user could connect.
        let previous = umask(0o177)
        let unix = Result { try bootstrap(token: nil).bind(unixDomainSocketPath: socketPath, cleanupExistingSocketFile: true).wait() }
        umask(previous)
        switch unix {
        case .success(let channel): bound.append(channel)
        case .failure(let error): throw .startFailed("cannot listen on admin socket \(socketPath): \(error)")
        }
        do throws(LauncherError) {
            try PrivateFile.requirePrivate(socketPath, what: "admin socket")
            if let tcpPort {
                let token = try PrivateFile.writeToken(to: tokenPath)
                do {
                    bound.append(try bootstrap(token: token).bind(host: "127.0.0.1", port: tcpPort).wait())
                } catch {
                    throw LauncherError.startFailed("cannot listen for admin TCP on 127.0.0.1:\(tcpPort): \(error)")
                }
            }
        } catch {
            for channel in bound { try? channel.close().wait() }
            unlink(socketPath)
            throw error
        }
        self.socketPath = socketPath
        self.tcpPort = tcpPort == nil ? nil : bound.last?.localAddress?.port
        self.tokenPath = tcpPort == nil ? nil : tokenPath
        self.channels = bound
    }

    /// Stops listening and removes the socket and token files (open connections close with the
    /// event loops).
    func close() {
        for channel in channels { try? channel.close().wait() }
        unlink(socketPath)
        if let tokenPath { unlink(tokenPath) }
    }
}
