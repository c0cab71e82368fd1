using Grimoire.Cli;

return GrimoireCli.Run(args, Console.Out, Console.Error);
