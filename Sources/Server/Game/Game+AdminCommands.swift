/// Admin commands: permissions.
extension Game {
    /// `perm <account> [= player|builder|admin]`: shows or sets an account's permission.
    func permission(_ context: CommandContext) {
        let name = context.command.lhs
        guard !name.isEmpty else { return send(context.session, "Usage: perm <account> [= player|builder|admin]") }
        guard var account = account(named: name) else {
            return send(context.session, "There is no account named '\(name)'.")
        }
        guard let wanted = context.command.rhs else {
            return send(context.session, "\(account.name) has permission \(account.permission.rawValue).")
        }
        guard let permission = Permission(rawValue: wanted.lowercased()) else {
            return send(context.session, "Permissions are: player, builder, admin.")
        }
        guard account.id != context.account.id else { return send(context.session, "You cannot change your own permission.") }
        account.permission = permission
        accounts[account.name.lowercased()] = account
        world.saveAccount(account)
        if let session = sessionsByCharacter[account.characterID] {
            session.account = account
            send(session, "Your permission is now \(permission.rawValue).")
        }
        send(context.session, "\(account.name) now has permission \(permission.rawValue).")
    }
}
