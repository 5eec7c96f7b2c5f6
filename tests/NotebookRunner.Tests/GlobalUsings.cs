global using Xunit;
global using NotebookRunner.Tests.Infrastructure;
