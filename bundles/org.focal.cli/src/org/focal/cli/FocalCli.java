package org.focal.cli;

import java.io.PrintWriter;
import java.util.List;

/** Runs a {@code focal} command line in this framework; the application and tests both use it. */
public interface FocalCli {

    /**
     * @return the exit code: 0 ok, 1 failure, 2 bad usage or bad input
     */
    int execute(List<String> args, PrintWriter out, PrintWriter err);
}
