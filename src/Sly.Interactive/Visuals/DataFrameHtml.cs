using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Analysis;

namespace Sly.Interactive.Visuals;

/// <summary>
/// A DataFrame as a paged HTML table (25 rows a page, at most 10,000 rows) that works in any HTML notebook front end
/// and in a saved file; every cell is HTML-escaped. Microsoft.Data.Analysis' own formatter loads only inside the
/// archived .NET Interactive kernel, so the kit brings this one.
/// </summary>
public static class DataFrameHtml
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 25;
    /// <summary>Rows rendered at most.</summary>
    public const int MaxRows = 10000;
    private static int _tables;

    /// <summary>The frame as a paged, escaped HTML table.</summary>
    public static string Render(DataFrame frame, int pageSize = PageSize)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (pageSize < 1)
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "pageSize must be 1 or more");
        var id = "sly-df-" + Interlocked.Increment(ref _tables).ToString(CultureInfo.InvariantCulture);
        var rows = (int)Math.Min(frame.Rows.Count, MaxRows);
        var pages = Math.Max(1, (rows + pageSize - 1) / pageSize);
        var html = new StringBuilder();
        html.Append("<div class=\"sly-dataframe\" id=\"").Append(id).Append("\">")
            .Append("<style>#").Append(id).Append(" table{border-collapse:collapse;font:12px system-ui,sans-serif}#").Append(id)
            .Append(" th,#").Append(id).Append(" td{border:1px solid #ddd;padding:2px 6px;text-align:right}#").Append(id)
            .Append(" th{background:#f3f5f8}#").Append(id).Append(" td.s{text-align:left}</style>")
            .Append("<table><thead><tr><th>#</th>");
        foreach (var column in frame.Columns)
            html.Append("<th>").Append(WebUtility.HtmlEncode(column.Name)).Append("</th>");
        html.Append("</tr></thead>");
        for (var page = 0; page < pages; page++)
        {
            html.Append("<tbody data-page=\"").Append(page).Append('"').Append(page == 0 ? "" : " style=\"display:none\"").Append('>');
            for (var row = page * pageSize; row < Math.Min(rows, (page + 1) * pageSize); row++)
            {
                html.Append("<tr><td>").Append(row).Append("</td>");
                foreach (var column in frame.Columns)
                {
                    var value = column[row];
                    html.Append(column is StringDataFrameColumn ? "<td class=\"s\">" : "<td>").Append(WebUtility.HtmlEncode(Format(value))).Append("</td>");
                }
                html.Append("</tr>");
            }
            html.Append("</tbody>");
        }
        html.Append("</table><div class=\"sly-df-footer\">").Append(frame.Rows.Count.ToString("N0", CultureInfo.InvariantCulture)).Append(" rows × ")
            .Append(frame.Columns.Count).Append(" columns").Append(frame.Rows.Count > MaxRows ? $" (first {MaxRows:N0} shown)" : "");
        if (pages > 1)
        {
            html.Append(" · page <span class=\"sly-df-page\">1</span>/").Append(pages)
                .Append(" <button onclick=\"slyDfPage('").Append(id).Append("',-1)\">◀</button><button onclick=\"slyDfPage('").Append(id).Append("',1)\">▶</button>")
                .Append("<script>function slyDfPage(id,d){var r=document.getElementById(id),b=r.querySelectorAll('tbody'),c=0;")
                .Append("b.forEach(function(t,i){if(t.style.display!=='none')c=i;});var n=Math.min(b.length-1,Math.max(0,c+d));")
                .Append("b[c].style.display='none';b[n].style.display='';r.querySelector('.sly-df-page').textContent=n+1;}</script>");
        }
        return html.Append("</div></div>").ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        float f when float.IsNaN(f) => "",
        float f => f.ToString("0.####", CultureInfo.InvariantCulture),
        double d when double.IsNaN(d) => "",
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
