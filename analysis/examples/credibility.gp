# gnuplot: mean credibility over members, replicate 0, from steps.csv.
#   gnuplot -e "dir='results/kosovo_1998'; out='credibility.png'" analysis/examples/credibility.gp
# (out defaults to credibility_gnuplot.png in the current directory). Columns are found by their header names
# (documented in the README and datapackage.json), not by position.
if (!exists("dir")) dir = "."
if (!exists("out")) out = "credibility_gnuplot.png"
set datafile separator ","
set datafile missing ""
set key autotitle columnhead
set xdata time
set timefmt "%Y-%m"
set format x "%Y-%m"
set yrange [0:1]
set ylabel "credibility (probability)"
set terminal pngcairo size 800,450 noenhanced
set output out
# strcol("replicate") eq "0" keeps replicate 0; other rows become missing (NaN).
plot dir."/steps.csv" using "date":(strcol("replicate") eq "0" ? column("mean_credibility") : NaN) \
       with lines title "mean credibility (replicate 0)", \
     "" using "date":(strcol("replicate") eq "0" ? column("min_credibility") : NaN) \
       with lines title "lowest credibility"
