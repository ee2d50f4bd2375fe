namespace InsightEngine.Import.Jira;

/// <summary>
/// The column names of Jira's CSV export in the exporting user's language: Jira writes its system fields' names
/// translated (a Spanish user's export has <c>Resumen, Clave de incidencia, Estado, Creada</c> ...). Each list starts
/// with English (Cloud's current name, then Server / Data Center's older one), then Spanish, German, French,
/// Portuguese (Brazil), Japanese. Matching folds case, spaces and punctuation (<see cref="Csv.CsvHeader.Normalize"/>).
/// <para>
/// Sources (public code holding real localized exports or Jira Cloud's REST <c>names</c> in that language, read
/// 2026-12): es — a university project's export column list (grupo4-repo-si <c>proyecto/data/inputs/README.md</c>), the
/// JiraBrief README, Spanish CSV scripts with a Spanish month parser; de — a complete German Cloud CSV header pasted in a
/// Nuxt page and a German Cloud REST <c>names</c> map; fr — a French <c>EPIC_COLUMNS</c> map of export headers and the
/// Kblo README's "format Jira réel" sample; pt-BR — a JiraImporter.tsx and a Jira CSV analyser; ja — a Go test map of
/// Japanese field names (weakest: names marked "unconfirmed" below are the product's known translations, not seen in
/// an export). Older translations (es <c>Responsable</c>, de <c>Stichwörter</c>) are kept beside the current ones.
/// </para>
/// </summary>
internal static class JiraHeaders
{
    public static readonly string[] IssueId = ["Issue id", "ID de la incidencia", "Vorgangs-ID", "ID de ticket", "ID da item", "ID do item", "課題ID", "課題 ID"];

    public static readonly string[] IssueKey = ["Issue key", "Clave de incidencia", "Vorgangsschlüssel", "Schlüssel", "Clé de ticket", "Chave da item", "Chave do item", "課題キー"];

    public static readonly string[] Summary = ["Summary", "Resumen", "Zusammenfassung", "Résumé", "Resumo", "要約"];

    public static readonly string[] IssueType = ["Issue Type", "Tipo de Incidencia", "Vorgangstyp", "Type de ticket", "Tipo de item", "課題タイプ"];

    public static readonly string[] Status = ["Status", "Estado", "État", "Statut", "ステータス"];

    /// <summary>es, fr and ja unconfirmed (the product's translations).</summary>
    public static readonly string[] StatusCategory =
        ["Status Category", "Categoría de estado", "Statuskategorie", "Catégorie d'état", "Catégorie de statut", "Categoria do status", "ステータス カテゴリ"];

    /// <summary>es, fr and ja unconfirmed.</summary>
    public static readonly string[] StatusCategoryChanged =
        ["Status Category Changed", "Categoría de estado modificada", "Statuskategorie geändert", "Catégorie d'état modifiée",
         "Categoria do status alterada", "ステータス カテゴリ変更日"];

    public static readonly string[] Priority = ["Priority", "Prioridad", "Priorität", "Priorité", "Prioridade", "優先度"];

    public static readonly string[] Resolution = ["Resolution", "Resolución", "Lösung", "Résolution", "Resolução", "解決状況"];

    public static readonly string[] Assignee =
        ["Assignee", "Persona asignada", "Responsable", "Zugewiesene Person", "Bearbeiter", "Personne assignée", "Responsável", "担当者"];

    public static readonly string[] Reporter = ["Reporter", "Informador", "Autor", "Rapporteur", "Relator", "報告者"];

    public static readonly string[] Created = ["Created", "Creada", "Erstellt", "Création", "Créé", "Criado", "作成日"];

    public static readonly string[] Updated = ["Updated", "Actualizada", "Aktualisiert", "Mise à jour", "Atualizado(a)", "Atualizado", "更新日"];

    /// <summary>fr and ja unconfirmed.</summary>
    public static readonly string[] Resolved = ["Resolved", "Resuelta", "Erledigt", "Résolue", "Résolu", "Resolvido", "解決日"];

    public static readonly string[] Components = ["Component/s", "Components", "Componentes", "Komponenten", "Composants", "コンポーネント"];

    /// <summary>Values of <see cref="Resolution"/> that mean "not resolved" (Jira writes them where the field is empty).</summary>
    public static readonly string[] Unresolved = ["unresolved", "sin resolver", "no resuelta", "ungelöst", "non résolu", "não resolvido", "未解決"];

    /// <summary>
    /// Month abbreviations of the localized date format (<c>23/sep/26 10:12 am</c>; French <c>févr.</c>), as
    /// <c>/token/</c> → English, so one <c>strptime</c> pattern reads them all.
    /// </summary>
    public static readonly (string Local, string English)[] Months =
    [
        ("ene", "Jan"), ("janv.", "Jan"), ("janv", "Jan"), ("jan", "Jan"),
        ("fev", "Feb"), ("févr.", "Feb"), ("févr", "Feb"), ("feb", "Feb"),
        ("mär", "Mar"), ("mrz", "Mar"), ("mars", "Mar"), ("mar", "Mar"),
        ("abr", "Apr"), ("avr.", "Apr"), ("avr", "Apr"), ("apr", "Apr"),
        ("mai", "May"), ("may", "May"),
        ("juin", "Jun"), ("jun", "Jun"),
        ("juil.", "Jul"), ("juil", "Jul"), ("jul", "Jul"),
        ("ago", "Aug"), ("août", "Aug"), ("aug", "Aug"),
        ("sept.", "Sep"), ("sept", "Sep"), ("set", "Sep"), ("sep", "Sep"),
        ("okt", "Oct"), ("out", "Oct"), ("oct.", "Oct"), ("oct", "Oct"),
        ("nov.", "Nov"), ("nov", "Nov"),
        ("dic", "Dec"), ("dez", "Dec"), ("déc.", "Dec"), ("déc", "Dec"), ("dec", "Dec"),
    ];
}
