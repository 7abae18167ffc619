#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ChildProcess {
    /// The parent's ends of the three pipes, pumped with poll(2): input written as the child takes
    /// it, output read as it comes, so neither side blocks on a full pipe.
    struct Streams {
        var stdin: Int32
        var stdout: Int32
        var stderr: Int32
        let input: [UInt8]
        var written = 0
        var output: [UInt8] = []
        var errors: [UInt8] = []

        init(stdin: Int32, stdout: Int32, stderr: Int32, input: [UInt8]) {
            self.stdin = stdin
            self.stdout = stdout
            self.stderr = stderr
            self.input = input
            for fd in [stdin, stdout, stderr] where fd >= 0 { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        }

        /// Pumps until the child closed stdout and stderr (true) or the deadline passed (false).
        mutating func pump(until deadline: ContinuousClock.Instant) -> Bool {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while stdout >= 0 || stderr >= 0 {
                let left = ContinuousClock.now.duration(to: deadline)
                guard left > .zero else { return false }
                let milliseconds = Int32(min(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1, 1000))
                var fds: [pollfd] = []
                if stdin >= 0 { fds.append(pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0)) }
                if stdout >= 0 { fds.append(pollfd(fd: stdout, events: Int16(POLLIN), revents: 0)) }
                if stderr >= 0 { fds.append(pollfd(fd: stderr, events: Int16(POLLIN), revents: 0)) }
                let ready = poll(&fds, nfds_t(fds.count), milliseconds)
                if ready < 0 && errno != EINTR { return false }
                for entry in fds where entry.revents != 0 {
                    if entry.fd == stdin {
                        let count = input[written...].withUnsafeBytes { write(stdin, $0.baseAddress, $0.count) }
                        if count > 0 { written += count }
                        // A child that exits without reading its input is not an error of ours.
                        if written == input.count || (count < 0 && errno != EAGAIN && errno != EINTR) {
                            close(stdin)
                            stdin = -1
                        }
                    } else {
                        let count = read(entry.fd, &buffer, buffer.count)
                        if count > 0 {
                            if entry.fd == stdout { output += buffer[0..<count] } else if errors.count < 65_536 { errors += buffer[0..<count] }
                        } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                            close(entry.fd)
                            if entry.fd == stdout { stdout = -1 } else { stderr = -1 }
                        }
                        if output.count > ChildProcess.outputLimit { return true }
                    }
                }
            }
            return true
        }

        mutating func closeAll() {
            for fd in [stdin, stdout, stderr] where fd >= 0 { close(fd) }
            stdin = -1
            stdout = -1
            stderr = -1
        }
    }
}
