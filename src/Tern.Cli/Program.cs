using System.CommandLine;
using Tern.Cli;
using Tern.Cli.Commands;

var root = new RootCommand("Tern: will this VM live-migrate from here to there, and if not, exactly why?")
{
    InspectCommand.Create(),
    KnowledgeCommand.Create(),
    CheckCommand.Create(),
    DiffCommand.Create(),
    LabCommand.Create(),
    ProfileCommand.Create(),
    MatrixCommand.Create(),
    PlanCommand.Create(),
    BaselineCommand.Create(),
    CompatCommand.Create(),
};
return CommandRunner.Run(root, args);
