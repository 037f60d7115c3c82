/** Runs `cli` and `host` in-process on one file, for the tests that hold them to each other. */
import { hostBackend, type HostBackend } from "../../src/cli/host";
import { run } from "../../src/cli/run";

export interface RunOutput {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCommand(argv: readonly string[], backend?: HostBackend): Promise<RunOutput> {
  let stdout = "";
  let stderr = "";
  const code = await run(
    argv,
    {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      now: () => new Date(2025, 2, 31),
    },
    backend,
  );
  return { code, stdout, stderr };
}

/** The same arguments through the command line and through the add-in's path. */
export async function runBoth(argv: readonly string[]): Promise<{ cli: RunOutput; host: RunOutput }> {
  return { cli: await runCommand(argv), host: await runCommand(argv, hostBackend()) };
}
