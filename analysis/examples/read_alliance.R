# Load an `alliance run` output directory in R with the right column types,
# read from its datapackage.json. Needs R and jsonlite (Debian: r-base-core,
# r-cran-jsonlite). Run:
#   Rscript analysis/examples/read_alliance.R results/kosovo_1998 [out.png]
# Prints the mean deadlock and credibility, and plots mean credibility over time.
# source() it to get read_alliance(dir, table) alone.
library(jsonlite)

read_alliance <- function(dir, table) {
  package <- fromJSON(file.path(dir, "datapackage.json"), simplifyVector = FALSE)
  resource <- Filter(function(r) r$name == table, package$resources)
  if (length(resource) == 0) stop(sprintf("%s has no table %s", dir, table))
  fields <- resource[[1]]$schema$fields
  # Table Schema type -> R class. Seeds are 64-bit: text, so no digit is lost.
  classes <- c(integer = "integer", number = "numeric", string = "character",
               boolean = "integer", yearmonth = "character")
  col_classes <- setNames(classes[vapply(fields, function(f) f$type, "")],
                          vapply(fields, function(f) f$name, ""))
  df <- read.csv(file.path(dir, paste0(table, ".csv")), colClasses = col_classes,
                 na.strings = "", check.names = FALSE)
  stopifnot(identical(names(df), names(col_classes)))
  for (f in fields) {
    if (f$type == "boolean") df[[f$name]] <- df[[f$name]] == 1L
    if (f$type == "yearmonth") df[[f$name]] <- as.Date(paste0(df[[f$name]], "-01"))
  }
  df
}

# Run as a script (Rscript), not when source()d for read_alliance().
main <- function() {
  args <- commandArgs(trailingOnly = TRUE)
  if (length(args) < 1) stop("usage: Rscript read_alliance.R OUTPUT_DIR [out.png]")
  dir <- args[1]

  summary <- read_alliance(dir, "summary")
  steps <- read_alliance(dir, "steps")
  stopifnot(is.integer(steps$step), inherits(steps$date, "Date"), is.logical(steps$deadlock),
            is.character(summary$seed))
  deadlock <- grep("_deadlock_months$", names(summary), value = TRUE)
  for (column in deadlock) cat(sprintf("%s: mean %.2f months over %d replicates\n",
                                       column, mean(summary[[column]]), nrow(summary)))
  by_date <- aggregate(mean_credibility ~ date, data = steps, FUN = mean)
  cat(sprintf("mean credibility: %.3f at %s, %.3f at %s\n", by_date$mean_credibility[1], by_date$date[1],
              by_date$mean_credibility[nrow(by_date)], by_date$date[nrow(by_date)]))

  if (length(args) >= 2) {
    png(args[2], width = 800, height = 450)
    plot(by_date$date, by_date$mean_credibility, type = "l", ylim = c(0, 1),
         xlab = "date", ylab = "mean credibility (probability)", main = "Mean credibility over members")
    invisible(dev.off())
  }
}

if (sys.nframe() == 0L) main()
