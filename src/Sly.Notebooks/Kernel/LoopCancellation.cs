using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Sly.Notebooks.Kernel;

/// <summary>
/// Makes a cell's loops stoppable: every <c>for</c>, <c>foreach</c>, <c>while</c> and <c>do</c> loop in the cell gets a
/// check of <see cref="CellCancellation.Token"/> at the top of each iteration, taken into a local once before the loop.
/// A cell that spins forever then ends with an OperationCanceledException when the run cancels it, instead of keeping a
/// core busy after the run gave up on it (.NET has no way to abort a thread). Everything else of the cell is left as
/// written, character for character, and nothing is added on a new line, so compiler messages keep their line numbers.
/// Loops inside code the cell calls (a library) are not reached.
/// </summary>
public static class LoopCancellation
{
    private const string TokenVariable = "__slyCellCancellation";
    private static readonly CSharpParseOptions ScriptOptions = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>The cell with cancellation checks in its loops; unchanged when it has no loop.</summary>
    public static string Instrument(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (!MayHaveLoop(code))
            return code;
        var root = CSharpSyntaxTree.ParseText(code, ScriptOptions).GetRoot();
        var rewritten = new Rewriter().Visit(root);
        return rewritten == root ? code : rewritten.ToFullString();
    }

    private static bool MayHaveLoop(string code) =>
        code.Contains("for", StringComparison.Ordinal) || code.Contains("while", StringComparison.Ordinal);

    private sealed class Rewriter : CSharpSyntaxRewriter
    {
        private int _loops;

        public override SyntaxNode? VisitForStatement(ForStatementSyntax node) => Guard(node, base.VisitForStatement(node));

        public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node) => Guard(node, base.VisitForEachStatement(node));

        public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node) => Guard(node, base.VisitForEachVariableStatement(node));

        public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node) => Guard(node, base.VisitWhileStatement(node));

        public override SyntaxNode? VisitDoStatement(DoStatementSyntax node) => Guard(node, base.VisitDoStatement(node));

        private SyntaxNode? Guard(StatementSyntax original, SyntaxNode? visited)
        {
            // A loop that does not parse cleanly, or one a label or an embedded position makes awkward, stays as written.
            if (visited is not StatementSyntax loop || original.ContainsDiagnostics || original.Parent is LabeledStatementSyntax)
                return visited;
            var name = TokenVariable + (_loops++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var check = SyntaxFactory.ParseStatement($"{name}.ThrowIfCancellationRequested(); ");
            var body = BodyOf(loop);
            var guardedBody = body is BlockSyntax block
                ? block.WithStatements(block.Statements.Insert(0, check.WithLeadingTrivia(SyntaxFactory.Space)))
                : SyntaxFactory.Block(check, body.WithoutLeadingTrivia().WithoutTrailingTrivia())
                    .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.Space))
                    .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(SyntaxFactory.Space))
                    .WithLeadingTrivia(body.GetLeadingTrivia())
                    .WithTrailingTrivia(body.GetTrailingTrivia());
            var guarded = WithBody(loop, guardedBody).WithoutLeadingTrivia().WithoutTrailingTrivia();
            var declaration = SyntaxFactory.ParseStatement($"var {name} = global::{typeof(CellCancellation).FullName}.{nameof(CellCancellation.Token)}; ");
            return SyntaxFactory.Block(declaration, guarded)
                .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.Space))
                .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(SyntaxFactory.Space))
                .WithLeadingTrivia(loop.GetLeadingTrivia())
                .WithTrailingTrivia(loop.GetTrailingTrivia());
        }

        private static StatementSyntax BodyOf(StatementSyntax loop) => loop switch
        {
            ForStatementSyntax f => f.Statement,
            CommonForEachStatementSyntax f => f.Statement,
            WhileStatementSyntax w => w.Statement,
            DoStatementSyntax d => d.Statement,
            _ => throw new ArgumentOutOfRangeException(nameof(loop)),
        };

        private static StatementSyntax WithBody(StatementSyntax loop, StatementSyntax body) => loop switch
        {
            ForStatementSyntax f => f.WithStatement(body),
            ForEachStatementSyntax f => f.WithStatement(body),
            ForEachVariableStatementSyntax f => f.WithStatement(body),
            WhileStatementSyntax w => w.WithStatement(body),
            DoStatementSyntax d => d.WithStatement(body),
            _ => throw new ArgumentOutOfRangeException(nameof(loop)),
        };
    }
}
