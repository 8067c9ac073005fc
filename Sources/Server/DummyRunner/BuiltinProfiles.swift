/// The built-in profiles, embedded so a fresh build runs from any directory.
///
/// Generated from share/dummyrunner/*.toml (a test keeps the two identical).
enum BuiltinProfiles {
    /// Profile names in the order `--help` lists them.
    static let names = ["idler", "looker", "normal_player", "normal_builder", "heavy_builder", "socializing_builder", "only_digger"]

    /// The file text of each built-in profile, by name.
    static let texts: [String: String] = [
        "idler": #"""
# MudScope dummyrunner profile `idler`, after Evennia's dummyrunner_settings.py (same weights).
# Format: share/dummyrunner/README.md (a subset of TOML). Copy this file to make your own.

name = "idler"
description = "Does nothing after logging in."

# Seconds between ticks; chance per tick that an unlogged bot logs in / a logged-in bot acts.
tick = 1.0
chance_of_login = 0.01
chance_of_action = 0.5

# Evennia's c_login: make an account, log in, dig a private start room and go there.
login = [
    "create Dummy_{gid} {password}",
    "connect Dummy_{gid} {password}",
    "dig testing_room_start_{gid}",
    "teleport testing_room_start_{gid}",
]
logout = ["quit"]
# Commands with no reply: sent without waiting, not timed.
silent = ["idle"]

# Does nothing, twice (c_idles).
[[action]]
name = "idle"
weight = 0.9
commands = ["idle", "idle"]

# Asks the server for its receive time (c_measure_lag).
[[action]]
name = "lag_probe"
weight = 0.1
commands = ["dummyrunner_echo_response {timestamp}"]

"""#,
        "looker": #"""
# MudScope dummyrunner profile `looker`, after Evennia's dummyrunner_settings.py (same weights).
# Format: share/dummyrunner/README.md (a subset of TOML). Copy this file to make your own.

name = "looker"
description = "Just looks around."

# Seconds between ticks; chance per tick that an unlogged bot logs in / a logged-in bot acts.
tick = 1.0
chance_of_login = 0.01
chance_of_action = 0.5

# Evennia's c_login: make an account, log in, dig a private start room and go there.
login = [
    "create Dummy_{gid} {password}",
    "connect Dummy_{gid} {password}",
    "dig testing_room_start_{gid}",
    "teleport testing_room_start_{gid}",
]
logout = ["quit"]
# Commands with no reply: sent without waiting, not timed.
silent = ["idle"]

# Looks at what it made, else at its exits, else at the room (c_looks).
[[action]]
name = "look"
weight = 0.8
commands = ["look {each_obj} || look {each_exit} || look"]

# Asks the server for its receive time (c_measure_lag).
[[action]]
name = "lag_probe"
weight = 0.2
commands = ["dummyrunner_echo_response {timestamp}"]

"""#,
        "normal_player": #"""
# MudScope dummyrunner profile `normal_player`, after Evennia's dummyrunner_settings.py (same weights).
# Format: share/dummyrunner/README.md (a subset of TOML). Copy this file to make your own.

name = "normal_player"
description = "Moves around, reads help, looks around, digs rarely (spammy)."

# Seconds between ticks; chance per tick that an unlogged bot logs in / a logged-in bot acts.
tick = 1.0
chance_of_login = 0.01
chance_of_action = 0.5

# Evennia's c_login: make an account, log in, dig a private start room and go there.
login = [
    "create Dummy_{gid} {password}",
    "connect Dummy_{gid} {password}",
    "dig testing_room_start_{gid}",
    "teleport testing_room_start_{gid}",
]
logout = ["quit"]
# Commands with no reply: sent without waiting, not timed.
silent = ["idle"]

# Digs a room with exits both ways and goes there (c_digs).
[[action]]
name = "dig"
weight = 0.01
commands = ["dig/tel {new_room} = {new_exit}, {new_exit}"]

# Looks at what it made, else at its exits, else at the room (c_looks).
[[action]]
name = "look"
weight = 0.29
commands = ["look {each_obj} || look {each_exit} || look"]

# Reads help (c_help).
[[action]]
name = "help"
weight = 0.2
commands = ["help", "help dig"]

# Tries every exit it made; one works (c_moves).
[[action]]
name = "move"
weight = 0.3
commands = ["{each_exit} || look"]

# Chats on the public channel, says and emotes (c_socialize).
[[action]]
name = "socialize"
weight = 0.05
commands = ["pub Hello!", "say Yo!", "emote stands looking around."]

# Asks the server for its receive time (c_measure_lag).
[[action]]
name = "lag_probe"
weight = 0.1
commands = ["dummyrunner_echo_response {timestamp}"]

"""#,
        "normal_builder": #"""
# MudScope dummyrunner profile `normal_builder`, after Evennia's dummyrunner_settings.py (same weights).
# Format: share/dummyrunner/README.md (a subset of TOML). Copy this file to make your own.

name = "normal_builder"
description = "Digs now and then, examines, creates objects, moves."

# Seconds between ticks; chance per tick that an unlogged bot logs in / a logged-in bot acts.
tick = 1.0
chance_of_login = 0.01
chance_of_action = 0.5

# Evennia's c_login: make an account, log in, dig a private start room and go there.
login = [
    "create Dummy_{gid} {password}",
    "connect Dummy_{gid} {password}",
    "dig testing_room_start_{gid}",
    "teleport testing_room_start_{gid}",
]
logout = ["quit"]
# Commands with no reply: sent without waiting, not timed.
silent = ["idle"]

# Looks at what it made, else at its exits, else at the room (c_looks).
[[action]]
name = "look"
weight = 0.5
commands = ["look {each_obj} || look {each_exit} || look"]

# Examines what it made, else its exits, else itself (c_examines).
[[action]]
name = "examine"
weight = 0.08
commands = ["examine {each_obj} || examine {each_exit} || examine me"]

# Reads help (c_help).
[[action]]
name = "help"
weight = 0.1
commands = ["help", "help dig"]

# Digs a room with exits both ways and goes there (c_digs).
[[action]]
name = "dig"
weight = 0.01
commands = ["dig/tel {new_room} = {new_exit}, {new_exit}"]

# Creates an object, describes it, sets two attributes (c_creates_obj).
[[action]]
name = "create_object"
weight = 0.01
commands = ["create {new_obj}", "desc {obj} = this is a test object", "set {obj}/testattr = this is a test attribute value.", "set {obj}/testattr2 = this is a second test attribute."]

# Tries every exit it made; one works (c_moves).
[[action]]
name = "move"
weight = 0.2
commands = ["{each_exit} || look"]

# Asks the server for its receive time (c_measure_lag).
[[action]]
name = "lag_probe"
weight = 0.1
commands = ["dummyrunner_echo_response {timestamp}"]

"""#,
        "heavy_builder": #"""
# MudScope dummyrunner profile `heavy_builder`, after Evennia's dummyrunner_settings.py (same weights).
# Format: share/dummyrunner/README.md (a subset of TOML). Copy this file to make your own.

name = "heavy_builder"
description = "Digs and creates a lot, moves and examines."

# Seconds between ticks; chance per tick that an unlogged bot logs in / a logged-in bot acts.
tick = 1.0
chance_of_login = 0.01
chance_of_action = 0.5

# Evennia's c_login: make an account, log in, dig a private start room and go there.
login = [
    "create Dummy_{gid} {password}",
    "connect Dummy_{gid} {password}",
    "dig testing_room_start_{gid}",
    "teleport testing_room_start_{gid}",
]
logout = ["quit"]
# Commands with no reply: sent without waiting, not timed.
silent = ["idle"]

# Looks at what it made, else at its exits, else at the room (c_looks).
[[action]]
name = "look"
weight = 0.1
commands = ["look {each_obj} || look {each_exit} || look"]

# Examines what it made, else its exits, else itself (c_examines).
[[action]]
name = "examine"
weight = 0.1
commands = ["examine {each_obj} || examine {each_exit} || examine me"]

# Reads help (c_help).
[[action]]
name = "help"
weight = 0.2
commands = ["help", "help dig"]

# Digs a room with exits both ways and goes there (c_digs).
[[action]]
name = "dig"
weight = 0.1
commands = ["dig/tel {new_room} = {new_exit}, {new_exit}"]

# Creates an object, describes it, sets two attributes (c_creates_obj).
[[action]]
name = "create_object"
weight = 0.1
commands = ["create {new_obj}", "desc {obj} = this is a test object", "set {obj}/testattr = this is a test attribute value.", "set {obj}/testattr2 = this is a second test attribute."]

# Tries every exit it made; one works (c_moves).
[[action]]
name = "move"
weight = 0.2
commands = ["{each_exit} || look"]

# Asks the server for its receive time (c_measure_lag).
[[action]]
name = "lag_probe"
weight = 0.1
commands = ["dummyrunner_echo_response {timestamp}"]

"""#,
        "socializing_builder": #"""
# MudScope dummyrunner profile `socializing_builder`, after Evennia's dummyrunner_settings.py (same weights).
# Format: share/dummyrunner/README.md (a subset of TOML). Copy this file to make your own.

name = "socializing_builder"
description = "Builds a lot, moves, chats (spammy)."

# Seconds between ticks; chance per tick that an unlogged bot logs in / a logged-in bot acts.
tick = 1.0
chance_of_login = 0.01
chance_of_action = 0.5

# Evennia's c_login: make an account, log in, dig a private start room and go there.
login = [
    "create Dummy_{gid} {password}",
    "connect Dummy_{gid} {password}",
    "dig testing_room_start_{gid}",
    "teleport testing_room_start_{gid}",
]
logout = ["quit"]
# Commands with no reply: sent without waiting, not timed.
silent = ["idle"]

# Chats on the public channel, says and emotes (c_socialize).
[[action]]
name = "socialize"
weight = 0.1
commands = ["pub Hello!", "say Yo!", "emote stands looking around."]

# Looks at what it made, else at its exits, else at the room (c_looks).
[[action]]
name = "look"
weight = 0.1
commands = ["look {each_obj} || look {each_exit} || look"]

# Reads help (c_help).
[[action]]
name = "help"
weight = 0.1
commands = ["help", "help dig"]

# Creates an object, describes it, sets two attributes (c_creates_obj).
[[action]]
name = "create_object"
weight = 0.1
commands = ["create {new_obj}", "desc {obj} = this is a test object", "set {obj}/testattr = this is a test attribute value.", "set {obj}/testattr2 = this is a second test attribute."]

# Digs a room with exits both ways and goes there (c_digs).
[[action]]
name = "dig"
weight = 0.2
commands = ["dig/tel {new_room} = {new_exit}, {new_exit}"]

# Tries every exit it made; one works (c_moves).
[[action]]
name = "move"
weight = 0.3
commands = ["{each_exit} || look"]

# Asks the server for its receive time (c_measure_lag).
[[action]]
name = "lag_probe"
weight = 0.1
commands = ["dummyrunner_echo_response {timestamp}"]

"""#,
        "only_digger": #"""
# MudScope dummyrunner profile `only_digger`, after Evennia's dummyrunner_settings.py (same weights).
# Format: share/dummyrunner/README.md (a subset of TOML). Copy this file to make your own.

name = "only_digger"
description = "Extreme builder that only digs room after room."

# Seconds between ticks; chance per tick that an unlogged bot logs in / a logged-in bot acts.
tick = 1.0
chance_of_login = 0.01
chance_of_action = 0.5

# Evennia's c_login: make an account, log in, dig a private start room and go there.
login = [
    "create Dummy_{gid} {password}",
    "connect Dummy_{gid} {password}",
    "dig testing_room_start_{gid}",
    "teleport testing_room_start_{gid}",
]
logout = ["quit"]
# Commands with no reply: sent without waiting, not timed.
silent = ["idle"]

# Digs a room with exits both ways and goes there (c_digs).
[[action]]
name = "dig"
weight = 0.9
commands = ["dig/tel {new_room} = {new_exit}, {new_exit}"]

# Asks the server for its receive time (c_measure_lag).
[[action]]
name = "lag_probe"
weight = 0.1
commands = ["dummyrunner_echo_response {timestamp}"]

"""#,
    ]
}
