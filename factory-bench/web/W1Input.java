import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Writes W1's uniform stream of BENCHMARKS.md as JSON Lines: java W1Input.java K N > w1.jsonl */
public class W1Input {
    public static void main(String[] args) throws Exception {
        int k = Integer.parseInt(args[0]);
        long n = Long.parseLong(args[1]);
        var rnd = new SplittableRandom(42);
        long[] seq = new long[k];
        try (var out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.US_ASCII), 1 << 16)) {
            for (long i = 0; i < n; i++) {
                int pid = rnd.nextInt(k);
                long value = rnd.nextLong(1000);
                out.write("{\"key\":" + pid + ",\"seq\":" + seq[pid]++ + ",\"value\":" + value + "}\n");
            }
        }
    }
}
