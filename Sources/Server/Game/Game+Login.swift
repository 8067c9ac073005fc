/// The connection screen: `create`, `connect`, `look`, `help`, `quit`.
extension Game {
    /// Runs one command typed on the connection screen.
    func runLoginCommand(_ session: Session, _ command: ParsedCommand) {
        let site = switch command.key {
        case "create", "cr": ServerProbes.loginCreate
        case "connect", "conn", "con", "co": ServerProbes.loginConnect
        default: ServerProbes.loginOther
        }
        let token = recorder.enter(site)
        defer { recorder.exit(token) }
        let words = command.args.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        switch command.key {
        case "create", "cr":
            guard let name = words.first else { return send(session, "Usage: create <name> <password>") }
            if words.count == 1 {
                askPassword(session, creating: true, name: name)
            } else {
                createAccount(session, name: name, password: words.dropFirst().joined(separator: " "))
            }
        case "connect", "conn", "con", "co":
            guard let name = words.first else { return send(session, "Usage: connect <name> <password>") }
            if words.count == 1 {
                askPassword(session, creating: false, name: name)
            } else {
                connectAccount(session, name: name, password: words.dropFirst().joined(separator: " "))
            }
        case "look", "l":
            send(session, LoginScreen.banner)
        case "help", "h", "?":
            send(session, LoginScreen.help)
        case "quit", "q", "qu":
            send(session, "Good bye! Disconnecting.")
            disconnect(session)
        default:
            send(session, "Command '\(command.key)' is not available here. Type \"help\" for help.")
        }
    }

    private func askPassword(_ session: Session, creating: Bool, name: String) {
        session.stage = .password(creating: creating, name: name)
        send(session, "Password:")
        passwordMode(session, true)
    }

    /// Whether `name` is a valid account name: 3-30 ASCII letters, digits and `_ - . @ +` (Django's rule).
    static func isValidName(_ name: String) -> Bool {
        (3...30).contains(name.count)
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.@+".contains($0)) }
    }

    /// The account with this name (any case): this run's copy first, then the database.
    func account(named name: String) -> AccountRecord? {
        if let account = accounts[name.lowercased()] { return account }
        guard let stored = world.storedAccount(named: name) else { return nil }
        accounts[name.lowercased()] = stored
        return stored
    }

    /// `create NAME PASSWORD`: hashes off the executor, then makes the account and its character.
    func createAccount(_ session: Session, name: String, password: String) {
        guard Self.isValidName(name) else {
            return send(session, "Names must be 3-30 letters, digits or _ - . @ +.")
        }
        guard password.count >= 4 else { return send(session, "Passwords must be at least 4 characters.") }
        let key = name.lowercased()
        guard account(named: name) == nil, !namesBeingCreated.contains(key) else {
            return send(session, "Sorry, there is already an account with the name '\(name)'.")
        }
        namesBeingCreated.insert(key)
        session.busy = true
        let hasher = PasswordHasher(rounds: config.passwordRounds)
        let profiler = executor.profiler
        executor.runAsync(timeout: 60, {
            try profiler.withScope(ServerProbes.passwordHash) { () throws -> String in try hasher.hash(password) }
        }, onReturn: { [self] hash in
            unit {
                namesBeingCreated.remove(key)
                session.busy = false
                finishCreate(session, name: name, hash: hash)
            }
            drainQueuedLines(session)
        }, onError: { [self] error in
            unit {
                namesBeingCreated.remove(key)
                session.busy = false
                logger.error("password hashing failed: \(error)")
                send(session, "Could not create the account right now; please try again.")
            }
            drainQueuedLines(session)
        })
    }

    private func finishCreate(_ session: Session, name: String, hash: String) {
        let now = clock()
        let character = world.create(kind: .character, name: name, location: world.startRoomID,
                                     home: world.startRoomID, owner: world.nextAccountID, now: now)
        let record = AccountRecord(id: world.nextAccountID, name: name, passwordHash: hash,
                                   permission: config.newAccountPermission, characterID: character.id,
                                   createdAt: now)
        world.saveAccount(record)
        accounts[name.lowercased()] = record
        logger.info("account created: \(name) (#\(record.id)) from \(session.address)")
        send(session, "A new account '\(name)' was created. Welcome!")
        send(session, "You can now log in with the command 'connect \(name) <your password>'.")
    }

    /// `connect NAME PASSWORD`: throttled, checked off the executor, then puppets the character.
    func connectAccount(_ session: Session, name: String, password: String) {
        let now = clock()
        if let wait = throttle.wait(for: session.address, now: now) {
            return send(session, "Too many failed login attempts. Try again in \(Int(wait.rounded(.up))) seconds.")
        }
        guard let account = account(named: name) else {
            throttle.recordFailure(from: session.address, now: now)
            return send(session, "Incorrect login information given.")
        }
        session.busy = true
        let stored = account.passwordHash
        let profiler = executor.profiler
        executor.runAsync(timeout: 60, {
            try profiler.withScope(ServerProbes.passwordVerify) { () throws -> Bool in
                try PasswordHasher.verify(password, against: stored)
            }
        }, onReturn: { [self] ok in
            unit {
                session.busy = false
                if ok {
                    login(session, account: self.account(named: name) ?? account)
                } else {
                    throttle.recordFailure(from: session.address, now: clock())
                    send(session, "Incorrect login information given.")
                }
            }
            drainQueuedLines(session)
        }, onError: { [self] error in
            unit {
                session.busy = false
                logger.error("password check failed: \(error)")
                send(session, "Could not log in right now; please try again.")
            }
            drainQueuedLines(session)
        })
    }

    private func login(_ session: Session, account: AccountRecord) {
        guard session.stage != .gone else { return }
        guard let character = world.object(account.characterID, now: clock()) else {
            return send(session, "Your character is missing; ask an admin.")
        }
        if let previous = sessionsByCharacter[character.id], previous !== session {
            send(previous, "Another connection has taken over this account.")
            disconnect(previous)
        }
        session.stage = .playing
        session.account = account
        session.characterID = character.id
        sessionsByCharacter[character.id] = session
        if character.record.locationID == nil || world.object(character.record.locationID) == nil {
            world.move(character, to: character.record.homeID ?? world.startRoomID)
        }
        logger.info("\(account.name) logged in from \(session.address)")
        send(session, "\nYou become \(character.name).\n")
        announce(in: character.record.locationID, "\(character.name) has entered the game.", except: character.id)
        send(session, describeRoom(of: character, permission: account.permission))
    }
}
