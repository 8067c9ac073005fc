import Testing
@testable import Server

/// Builder and item commands through a real socket: give, teleport, open, name, destroy.
@Suite struct BuilderCommandTests {
    @Test func buildersShapeTheWorld() throws {
        let directory = try makeGameDirectory("build") { $0.newAccountPermission = .builder }
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        let ann = try loggedInClient(port: server.port, name: "ann")
        let ben = try loggedInClient(port: server.port, name: "ben")
        try ann.read(until: "ben has entered the game.")

        try ann.command("create coin", expect: "You create a new thing: coin(#")
        try ann.command("give coin to ben", expect: "You give coin to ben.")
        try ben.read(until: "ann gives you coin.")
        try ben.command("inventory", expect: "coin(#")
        try ben.command("give coin = ann", expect: "You give coin to ann.")
        try ann.command("give coin = nobody", expect: "Could not find 'nobody'.")

        try ann.command("dig Tower", expect: "Created room Tower(#")
        try ann.command("open up;u, down = Tower", expect: "Created exit down(#")
        try ann.command("u", expect: "Tower(#")
        try ben.read(until: "ann leaves up.")
        try ann.command("down", expect: "Limbo(#1)")

        try ann.command("teleport ben = Tower", expect: "Teleported ben to Tower.")
        try ben.read(until: "Tower(#")
        try ann.command("name Tower = Spire", expect: "Object's name changed to 'Spire' (was 'Tower').")
        try ann.command("drop coin", expect: "You drop coin.")
        try ann.command("teleport coin = Spire", expect: "Teleported coin to Spire.")

        try ann.command("destroy Spire", expect: "Spire(#")
        try ben.read(until: "Limbo(#1)")
        let look = try ann.command("look", expect: "You see: coin(#")
        #expect(!look.contains("up(#"))
        try ann.command("destroy here", expect: "The start room cannot be destroyed.")
        try ann.command("destroy ben", expect: "Characters cannot be destroyed here.")
        try ann.command("home", expect: "You are already home!")
        try ann.command("get coin", expect: "You pick up coin.")
        try ann.command("get ben", expect: "You can't get that.")
        try ann.command("look #9999", expect: "Could not find '#9999'.")
        try ann.command("help set", expect: "Usage: set <object>/<attribute> [= <value>]")
        try ann.command("set coin/weight = 3", expect: "Created attribute coin(#")
        try ann.command("set coin/weight =", expect: "Deleted attribute coin(#")
        try ann.command("set coin/weight", expect: "No attribute weight.")
    }

    @Test func adminsGrantPermissions() throws {
        let directory = try makeGameDirectory("perm")
        defer { removeGameDirectory(directory) }
        let server = try startServer(directory)
        defer { server.shutdown() }
        let admin = try loggedInClient(port: server.port, name: "Admin", password: "adminpass", create: false)
        let carl = try loggedInClient(port: server.port, name: "carl")
        try carl.command("dig Den", expect: "it needs builder")
        try carl.command("perm carl = admin", expect: "it needs admin")
        try admin.command("perm carl", expect: "carl has permission player.")
        try admin.command("perm carl = builder", expect: "carl now has permission builder.")
        try carl.read(until: "Your permission is now builder.")
        try carl.command("dig Den", expect: "Created room Den(#")
        try admin.command("perm Admin = player", expect: "You cannot change your own permission.")
        try admin.command("perm nobody = admin", expect: "There is no account named 'nobody'.")
    }
}
