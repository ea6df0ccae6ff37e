fn main() -> std::process::ExitCode {
    tug::main()
}
