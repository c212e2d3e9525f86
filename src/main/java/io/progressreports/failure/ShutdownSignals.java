package io.progressreports.failure;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Which signal asked the JVM to shut down, SIGTERM or SIGINT (Ctrl-C): shutdown hooks are not told, yet the exit
 * code (143 or 130, what a shell reports for a process the signal ended) and the log line depend on it. Each
 * handler notes its signal and hands on to the JVM's own, which runs the shutdown hooks.
 */
public final class ShutdownSignals {

    private static volatile Signal received = new Signal("TERM");
    private static boolean installed;

    private ShutdownSignals() {
    }

    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                SignalHandler[] jvms = new SignalHandler[1];
                jvms[0] = Signal.handle(new Signal(name), signal -> {
                    received = signal;
                    if (jvms[0] == SignalHandler.SIG_DFL || jvms[0] == SignalHandler.SIG_IGN) {
                        new Thread(() -> System.exit(exitCode()), "sig" + name.toLowerCase()).start();
                    } else {
                        jvms[0].handle(signal);
                    }
                });
            } catch (IllegalArgumentException e) {
                // Ignored when the JVM started (SIGINT for a job a shell puts in the background): it stays so.
            }
        }
    }

    /** SIGTERM when no signal came (a hook run by System.exit). */
    public static String name() {
        return "SIG" + received.getName();
    }

    public static int exitCode() {
        return 128 + received.getNumber();
    }
}
