// The `smtp-status` command line (in progress).
process.stderr.write('smtp-status: not built yet\n');
process.exitCode = 2;
