package io.github.loomfactory.flows.capture;

import java.io.IOException;

/** Opens a live capture on {@code lo} and prints the one-line error it fails with; run as an unprivileged user. */
final class NoPermissionProbe {
    private NoPermissionProbe() {
    }

    public static void main(String[] args) {
        try {
            LiveCapture.open("lo", "", reject -> { }).close();
            System.out.println("captured: no error");
        } catch (IOException e) {
            System.out.println(e.getMessage());
        }
    }
}
