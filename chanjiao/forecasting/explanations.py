"""The method statement shown with every forecast (page, API, reports): what was done, in words."""

from chanjiao.forecasting.models import ForecastRun

METHOD_PARAGRAPHS = (
    "预测对象：各职业中类（《中华人民共和国职业分类大典（2022年版）》）的年度需求人数，"
    "历史数据来自人力资源市场供求统计（求人倍率表，年度数据，无年度数据时取四个季度之和）；"
    "各行业门类（GB/T 4754—2017）的年度岗位需求人数，来自平台已发布岗位信息的分析统计表。",
    "预测方法：对每条序列分别比较朴素法（沿用上年值）、漂移法（按历史平均年增量外推）和"
    "statsmodels 指数平滑状态空间模型 ETS（无趋势、线性趋势、阻尼趋势，加性误差），"
    "以滚动起点回测的 MASE 最小者为所选方法；历史少于 3 年的序列只用朴素法。"
    "预测期为 1—3 年，给出 80% 与 95% 预测区间（ETS 用状态空间模型的解析区间，"
    "朴素法和漂移法用正态近似），预测值和区间下限不低于 0。",
    "回测：从第 k 年起的每个年份作为预测起点，只用该年之前的数据预测其后 1—3 年并与实际值比较；"
    "MASE = 平均绝对误差 ÷ 全部历史的平均年变化量（即朴素法一步预测的样本内平均绝对误差）。"
    "MASE 小于 1 表示误差小于“沿用上年值”的一步误差；所选方法的 MASE 低于朴素法回测 MASE 的"
    "序列即“优于朴素法”。",
    "紧缺职业：预测求人倍率 = 下一年预测需求人数 ÷ 最近一年求职人数；"
    "高于地区阈值（政策参数 shortage-vacancy-ratio-above，未设置时为 1，即岗位多于求职者）"
    "的职业中类为紧缺职业，按预测求人倍率从高到低排名；上期排名为用截至上一年的数据"
    "以同一方法得出的排名，↑ 表示名次上升。",
    "小数据保护：任一年度计数小于 5 的序列，在公开页面和公开接口中隐藏数值。",
)


def run_summary_text(run: ForecastRun) -> str:
    """One sentence with the run's back-test figures, for pages and report closing notes."""
    if run.mase is None:
        return f"共 {run.series_count} 条序列，历史过短，未做回测，均采用朴素法。"
    return (
        f"共 {run.series_count} 条序列，其中 {run.backtested_count} 条参与滚动起点回测：所选方法"
        f"平均 MASE 为 {run.mase:.3f}，朴素法平均 MASE 为 {run.naive_mase:.3f}，"
        f"{run.beats_naive_count} 条序列的所选方法优于朴素法。"
    )
