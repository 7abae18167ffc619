#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs a command with its stdin fed from memory and its stdout and stderr collected, in a process
/// group of its own so that at the deadline the whole group (a script and what it started) is killed.
/// Blocking: call it off the cooperative pool.
enum ChildProcess {
    struct Outcome {
        /// The exit status, when the command exited.
        var status: Int32?
        /// The signal that ended it, when one did.
        var signal: Int32?
        var stdout: [UInt8]
        var stderr: [UInt8]
        /// Killed at the deadline.
        var timedOut: Bool
        /// Killed for writing more than `outputLimit` bytes.
        var outputTooLarge: Bool
    }

    struct LaunchError: Error, CustomStringConvertible {
        var description: String
    }

    /// Output past this many bytes is an error: a scorer answers with one small JSON object.
    static let outputLimit = 16 << 20

    static func run(_ arguments: [String], input: [UInt8], timeout: Duration) throws -> Outcome {
        ignoreBrokenPipes
        let deadline = ContinuousClock.now + timeout
        var inPipe: [Int32] = [-1, -1], outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        let pid: pid_t = try spawnLock.withLock {
            guard makePipe(&inPipe), makePipe(&outPipe), makePipe(&errPipe) else {
                throw LaunchError(description: "cannot create pipes: \(String(cString: strerror(errno)))")
            }
            return try spawn(arguments, stdin: inPipe[0], stdout: outPipe[1], stderr: errPipe[1],
                             closing: inPipe + outPipe + errPipe)
        }
        close(inPipe[0]); close(outPipe[1]); close(errPipe[1])
        var streams = Streams(stdin: input.isEmpty ? -1 : inPipe[1], stdout: outPipe[0], stderr: errPipe[0], input: input)
        if input.isEmpty { close(inPipe[1]) }
        let finished = streams.pump(until: deadline)
        let tooLarge = streams.output.count > outputLimit
        var killed = !finished || tooLarge
        if killed { kill(-pid, SIGKILL) }
        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, killed ? 0 : WNOHANG) == 0 {
            if ContinuousClock.now >= deadline {
                kill(-pid, SIGKILL)
                killed = true
            } else {
                usleep(2_000)
            }
        }
        streams.closeAll()
        let signalNumber = exitStatus & 0x7f
        return Outcome(status: signalNumber == 0 ? (exitStatus >> 8) & 0xff : nil, signal: signalNumber == 0 ? nil : signalNumber,
                       stdout: streams.output, stderr: streams.errors, timedOut: killed && !tooLarge, outputTooLarge: tooLarge)
    }

    /// Scorers run several at a time. A child must not inherit another's pipes, or that other
    /// child's stdout never reaches end-of-file while this one lives (a finished scorer then looks
    /// hung until its timeout). Pipes are made close-on-exec and spawned under one lock, so no
    /// spawn happens between a `pipe` and its `fcntl`; posix_spawn's dup2 onto 0, 1 and 2 gives the
    /// child its own ends without the flag.
    private static let spawnLock = NSLock()

    private static func makePipe(_ fds: inout [Int32]) -> Bool {
        guard pipe(&fds) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }

    private static func spawn(_ arguments: [String], stdin: Int32, stdout: Int32, stderr: Int32,
                              closing fds: [Int32]) throws -> pid_t {
        guard let program = arguments.first else { throw LaunchError(description: "no command given") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        for fd in fds { posix_spawn_file_actions_addclose(&actions, fd) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A group of its own, so a timeout kills what the command started too; default signal
        // handling, since ignored signals (this process ignores SIGPIPE) are inherited across exec.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGPIPE, SIGINT, SIGTERM] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, program, &actions, &attributes, argv, environ)
        guard result == 0 else {
            for fd in fds { close(fd) }
            throw LaunchError(description: "cannot start '\(program)': \(String(cString: strerror(result)))")
        }
        return pid
    }

    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()
}
