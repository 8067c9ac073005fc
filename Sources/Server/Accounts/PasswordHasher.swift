import Crypto
import CryptoExtras
import Foundation

/// Salted PBKDF2-HMAC-SHA256 password hashes in Django's format: `pbkdf2_sha256$ROUNDS$SALT$HASH`.
///
/// Slow by design; call it through `GameExecutor.runAsync`, never on the game thread.
struct PasswordHasher: Sendable {
    /// PBKDF2 iterations for new hashes.
    let rounds: Int

    /// A new salted hash of `password`.
    func hash(_ password: String) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        let salt = String((0..<22).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
        return "pbkdf2_sha256$\(rounds)$\(salt)$\(try Self.derive(password, salt: salt, rounds: rounds))"
    }

    /// Whether `password` matches `stored` (constant-time comparison of the derived keys).
    static func verify(_ password: String, against stored: String) throws -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "pbkdf2_sha256", let rounds = Int(parts[1]), rounds > 0 else {
            return false
        }
        let derived = try derive(password, salt: String(parts[2]), rounds: rounds)
        let expected = Array(parts[3].utf8)
        let actual = Array(derived.utf8)
        guard expected.count == actual.count else { return false }
        var difference: UInt8 = 0
        for index in expected.indices { difference |= expected[index] ^ actual[index] }
        return difference == 0
    }

    private static func derive(_ password: String, salt: String, rounds: Int) throws -> String {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(password.utf8), salt: Array(salt.utf8), using: .sha256,
            outputByteCount: 32, unsafeUncheckedRounds: rounds)
        return key.withUnsafeBytes { Data($0).base64EncodedString() }
    }
}
