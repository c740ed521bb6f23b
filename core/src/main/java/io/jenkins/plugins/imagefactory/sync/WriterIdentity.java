package io.jenkins.plugins.imagefactory.sync;

import io.jenkins.plugins.imagefactory.git.WriterLease;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who this engine is when it takes the config repo's writer lease: a process on a host, working
 * in one place. A restarted instance (same host, same place, its predecessor's process gone) takes
 * its own old lease over at once instead of waiting for it to lapse.
 *
 * @param pid   the process id
 * @param host  this machine's name
 * @param place the engine's working clone, which no two live instances share
 */
public record WriterIdentity(long pid, String host, String place) {

    private static final Pattern HOLDER = Pattern.compile("(\\d+)@([^:]+):(.+)");

    public static WriterIdentity of(Path workTree) {
        return new WriterIdentity(ProcessHandle.current().pid(), hostName(), workTree.toAbsolutePath().normalize().toString());
    }

    /** What the lease says: {@code pid@host:place}. */
    public String holder() {
        return pid + "@" + host + ":" + place;
    }

    /** True when the lease is held by an earlier instance of this one that no longer runs. */
    public boolean succeeds(WriterLease lease) {
        Matcher other = HOLDER.matcher(lease.holder());
        if (!other.matches() || !other.group(2).equals(host) || !other.group(3).equals(place)) {
            return false;
        }
        long otherPid = Long.parseLong(other.group(1));
        return otherPid != pid && ProcessHandle.of(otherPid).map(ProcessHandle::isAlive).map(alive -> !alive).orElse(true);
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        try {
            return Optional.ofNullable(InetAddress.getLocalHost().getHostName()).orElse("localhost");
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
