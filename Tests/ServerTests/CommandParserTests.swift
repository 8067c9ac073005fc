import Testing
@testable import Server

@Suite struct CommandParserTests {
    @Test func keySwitchesAndSides() {
        let parsed = CommandParser.parse("  DIG/Tel/quiet  House ; h = in;i , out  ")
        #expect(parsed == ParsedCommand(key: "dig", switches: ["tel", "quiet"], args: "House ; h = in;i , out",
                                        lhs: "House ; h", rhs: "in;i , out"))
        #expect(parsed?.rhsList == ["in;i", "out"])
    }

    @Test func keysAreLowercasedAsTheStandardLibraryDoes() {
        for key in ["look", "LOOK", "LoOk", "dig", "ÉCOLE", "école", "STRASSE", "straße", "İstanbul", "x1_Z", "ΣΟΦΙΑ"] {
            #expect(CommandParser.parse(key + " it")?.key == key.lowercased(), "\(key)")
            #expect(key[...].lowercasedIfNeeded() == key.lowercased(), "\(key)")
        }
    }

    @Test func byteSearchFindsWhatTheUTF8ViewFinds() {
        let texts = ["", "look", "dig/tel House = in", "é=è/ü x", String(repeating: "ü", count: 40) + " = /x"]
        for text in texts {
            for byte in [UInt8(ascii: " "), UInt8(ascii: "="), UInt8(ascii: "/"), UInt8(ascii: "q")] {
                #expect(text.firstIndex(ofByte: byte) == text.utf8.firstIndex(of: byte))
                let tail = text.dropFirst(min(2, text.count))
                #expect(tail.firstIndex(ofByte: byte) == tail.utf8.firstIndex(of: byte))
            }
        }
    }

    @Test func linesWithoutOuterSpacesAreTrimmedToThemselves() {
        #expect("look".trimmed() == "look")
        #expect(" look ".trimmed() == "look")
        #expect("a  b".trimmed() == "a  b")
        #expect("   ".trimmed() == "")
    }

    @Test func blankLinesParseToNothing() {
        #expect(CommandParser.parse("") == nil)
        #expect(CommandParser.parse("    ") == nil)
    }

    @Test func sayAndPoseShortcuts() {
        #expect(CommandParser.parse("\"hello there")?.key == "\"")
        #expect(CommandParser.parse("\"hello there")?.args == "hello there")
        #expect(CommandParser.parse("'hi")?.key == "\"")
        #expect(CommandParser.parse(":waves")?.key == ":")
        #expect(CommandParser.parse(":waves")?.args == "waves")
    }

    @Test func onlyTheFirstEqualsSplits() {
        let parsed = CommandParser.parse("set box/formula = a=b")
        #expect(parsed?.lhs == "box/formula")
        #expect(parsed?.rhs == "a=b")
        #expect(CommandParser.parse("set box/x =")?.rhs == "")
        #expect(CommandParser.parse("look")?.rhs == nil)
    }

    @Test func trimmingCutsSpacesOnlyAndKeepsOtherText() {
        #expect(CommandParser.parse("   say  héllo wörld   ")?.args == "héllo wörld")
        #expect(CommandParser.parse("\u{3000}look\u{3000}")?.key == "\u{3000}look\u{3000}")
        #expect(CommandParser.parse("look\ttable ")?.key == "look\ttable")
        #expect(" ü ".trimmed() == "ü")
        #expect("e\u{301} ".trimmed() == "e\u{301}")
        #expect("   ".trimmed() == "")
    }

    @Test func separatorsCutBetweenCodePointsAsPythonDoes() {
        // A combining mark after a separator stays with the text after it, as in Evennia.
        #expect(CommandParser.parse("\"\u{301}hi")?.key == "\"")
        #expect(CommandParser.parse("\"\u{301}hi")?.args == "\u{301}hi")
        #expect(CommandParser.parse("set x =\u{338}y")?.lhs == "x")
        #expect(CommandParser.parse("set x =\u{338}y")?.rhs == "\u{338}y")
        #expect(CommandParser.parse("@\u{301}x")?.key == "\u{301}x")
        #expect(CommandParser.parse("dig/A//b/\u{301}")?.switches == ["a", "b", "\u{301}"])
    }

    @Test func slashAloneIsAKey() {
        #expect(CommandParser.parse("/")?.key == "/")
        #expect(CommandParser.parse("a/")?.switches == [])
    }

    @Test func nameAndAliases() {
        #expect(Game.nameAndAliases("north; n ;;N") == ("north", ["n", "N"]))
    }
}

@Suite struct CommandParserRegressionTests {
    /// Found by the fuzz loop: a leading slash gave an empty key.
    @Test func leadingSlashIsAnIgnoredPrefix() {
        #expect(CommandParser.parse("/tel here")?.key == "tel")
        #expect(CommandParser.parse("//x")?.key == "/x")
        #expect(CommandParser.parse("//x")?.switches == [])
    }

    @Test func evenniaPrefixesAreIgnored() {
        let parsed = CommandParser.parse("@dig/tel Hall = in, out")
        #expect(parsed?.key == "dig")
        #expect(parsed?.switches == ["tel"])
        #expect(CommandParser.parse("+pub hi")?.key == "pub")
        #expect(CommandParser.parse("@")?.key == "@")
    }
}
