package ling.client.chat;

/** Byte counts as people read them. */
final class FileSizes {

  private FileSizes() {
  }

  /** The icon of a file's kind, by its type, else by its name's ending. */
  static String icon(String name, String mime) {
    String type = mime == null ? "" : mime;
    String ending = name == null || name.lastIndexOf('.') < 0 ? ""
        : name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
    if (type.startsWith("image/")) {
      return "mdi2f-file-image-outline";
    }
    if (type.startsWith("video/")) {
      return "mdi2f-file-video-outline";
    }
    if (type.startsWith("audio/")) {
      return "mdi2f-file-music-outline";
    }
    if (type.equals("application/pdf") || ending.equals("pdf")) {
      return "mdi2f-file-pdf-box";
    }
    return switch (ending) {
      case "doc", "docx", "odt", "rtf" -> "mdi2f-file-word-outline";
      case "xls", "xlsx", "ods", "csv" -> "mdi2f-file-excel-outline";
      case "ppt", "pptx", "odp", "key" -> "mdi2f-file-powerpoint-outline";
      case "zip", "rar", "7z", "gz", "tgz", "xz", "bz2", "tar" -> "mdi2f-folder-zip-outline";
      case "txt", "md", "log" -> "mdi2f-file-document-outline";
      case "java", "js", "ts", "py", "c", "cpp", "h", "go", "rs", "json", "xml", "html", "css", "sh" ->
          "mdi2f-file-code-outline";
      default -> "mdi2f-file-outline";
    };
  }

  static String readable(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    String[] units = {"KB", "MB", "GB"};
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(java.util.Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
  }
}
