/// Texts of the connection screen (Evennia's unloggedin command set).
enum LoginScreen {
    /// What a new connection sees.
    static let banner = """
        ==============================================================
         Welcome to MudScope, a MUD that profiles itself.

         If you have an existing account, connect to it by typing:
              connect <username> <password>
         If you need to create an account, type (without the <>'s):
              create <username> <password>
         Leave out the password to type it hidden.

         Enter help for more info. look will re-show this screen.
        ==============================================================
        """

    /// `help` on the connection screen.
    static let help = """
        Commands available here:
          create <name> <password>   make a new account (then connect to it)
          connect <name> <password>  log in
          look                       show the welcome screen again
          help                       this text
          quit                       disconnect
        Names are 3-30 letters, digits or _ - . @ +. Passwords are at least 4 characters.
        """
}
