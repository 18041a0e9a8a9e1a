using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sly.Api;
using Sly.Server.Storage;
using Sly.Server.Domain;

namespace Sly.Server.Storage;

/// <summary>
/// Turns the wire's simple filter ({field, operator, value}) into a parameterised SQL condition. Only fields listed
/// for the entity are accepted; values are always bound, never spliced.
/// </summary>
public static class SimpleFilterSql
{
    public static (string Sql, List<(string, object?)> Parameters) Build(
        IReadOnlyList<FilterCondition>? filter, IReadOnlyDictionary<string, FilterColumn> columns, string prefix = "$f")
    {
        var sql = new StringBuilder();
        var parameters = new List<(string, object?)>();
        for (var i = 0; i < (filter?.Count ?? 0); i++)
        {
            var condition = filter![i];
            if (!columns.TryGetValue(condition.Field, out var column))
                throw new InvalidRequestException($"filter[{i}].field '{condition.Field}' cannot be filtered on; allowed: {string.Join(", ", columns.Keys.Order())}");
            var name = prefix + i.ToString(CultureInfo.InvariantCulture);
            sql.Append(" AND ").Append(Condition(condition, column, name, i, parameters));
        }
        return (sql.ToString(), parameters);
    }

    private static string Condition(FilterCondition condition, FilterColumn column, string name, int index, List<(string, object?)> parameters)
    {
        var op = condition.Operator.Value;
        var value = condition.Value;
        switch (op)
        {
            case "=" or "eq" when value is null:
                return column.Sql + " IS NULL";
            case "!=" or "not" when value is null:
                return column.Sql + " IS NOT NULL";
            case "in" or "!in":
            {
                if (value is not JsonArray items)
                    throw new InvalidRequestException($"filter[{index}].value must be an array for operator '{op}'");
                var names = new List<string>();
                for (var j = 0; j < items.Count; j++)
                {
                    var itemName = name + "_" + j.ToString(CultureInfo.InvariantCulture);
                    names.Add(itemName);
                    parameters.Add((itemName, Scalar(items[j], column, index)));
                }
                if (names.Count == 0)
                    return op == "in" ? "0" : "1";
                return column.Sql + (op == "in" ? " IN (" : " NOT IN (") + string.Join(", ", names) + ")";
            }
        }
        var sqlOperator = op switch
        {
            "=" or "eq" => "=",
            "!=" or "not" => "<>",
            ">" or "gt" => ">",
            ">=" or "gte" => ">=",
            "<" or "lt" => "<",
            "<=" or "lte" => "<=",
            _ => throw new InvalidRequestException($"filter[{index}].operator '{op}' is not one of =, eq, !=, not, in, !in, >, gt, >=, gte, <, lt, <=, lte"),
        };
        if (value is null)
            throw new InvalidRequestException($"filter[{index}].value is null; null is allowed only with =, eq, != and not");
        parameters.Add((name, Scalar(value, column, index)));
        return column.Sql + " " + sqlOperator + " " + name;
    }

    private static object? Scalar(JsonNode? node, FilterColumn column, int index)
    {
        if (node is null)
            return null;
        if (node is not JsonValue value)
            throw new InvalidRequestException($"filter[{index}].value must be a string, a number or a boolean");
        var kind = value.GetValueKind();
        switch (column.Kind)
        {
            case FilterColumnKind.Integer when kind == JsonValueKind.Number && value.TryGetValue<long>(out var number):
                return number;
            case FilterColumnKind.Integer when kind == JsonValueKind.String && long.TryParse(value.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            case FilterColumnKind.Boolean when kind is JsonValueKind.True or JsonValueKind.False:
                return kind == JsonValueKind.True ? 1L : 0L;
            case FilterColumnKind.Text when kind == JsonValueKind.String:
                return value.GetValue<string>();
            case FilterColumnKind.Timestamp when kind == JsonValueKind.String:
                try
                {
                    return Timestamps.Format(Timestamps.Parse(value.GetValue<string>())!.Value);
                }
                catch (FormatException)
                {
                    throw new InvalidRequestException($"filter[{index}].value '{value.GetValue<string>()}' is not an ISO 8601 timestamp");
                }
        }
        var expected = column.Kind switch
        {
            FilterColumnKind.Integer => "an integer",
            FilterColumnKind.Boolean => "true or false",
            FilterColumnKind.Timestamp => "an ISO 8601 timestamp string",
            _ => "a string",
        };
        throw new InvalidRequestException($"filter[{index}].value must be {expected}");
    }
}
