"""What was done, in words: a plain statement for the public and the technical note.

The plain paragraphs (``PLAIN_PARAGRAPHS``, ``plain_method_label``, ``plain_summary_text``) go on
the public forecast page and name no method, metric or library. The technical note
(``METHOD_PARAGRAPHS``, ``run_summary_text``) names them; the page links to it one click away,
and the API and the reports' closing notes carry it.
"""

from chanjiao.forecasting.methods import SHORT_SERIES
from chanjiao.forecasting.models import ForecastMethod, ForecastRun

# A series with fewer years than this gets the last value carried forward, without a back-test.
SHORT_HISTORY_YEARS = SHORT_SERIES

PLAIN_PARAGRAPHS = (
    "预测内容：各职业中类和各行业门类未来 1—3 年的岗位需求人数。职业中类的历史数据来自"
    "人力资源市场供求统计（各年度的岗位需求人数和求职人数），行业门类的历史数据来自本平台"
    "发布的岗位信息中的招聘人数。",
    "推算方法：根据近几年岗位需求人数的变化趋势推算。每个职业或行业都先用几种简单的推算办法"
    "（沿用上一年的人数、按近几年平均每年的增减推算、更看重最近几年变化的平滑推算等）试算"
    "过去的年份，看哪种办法以往推得最准，再用它推算未来。历史只有两年的，只能沿用最近一年的"
    "人数，并按这两年之间的增减估计可能的范围，结果仅供参考。",
    "区间的含义：预测值后括号中的范围，是按以往的起伏估计的较可能范围——实际人数大约有八成"
    "可能落在其中；图中较浅的一层是约九成五可能的范围。范围越宽表示越不确定，预测年份越远，"
    "范围越宽。预测值和范围都不低于 0。",
    "紧缺职业：用下一年的预测岗位需求人数除以最近一年的求职人数，得到平均每位求职者对应的"
    "岗位数（求人倍率）。高于本地区设定标准（未设定时为 1，即岗位多于求职者）的职业中类列为"
    "紧缺职业，按这一比值从高到低排名；箭头表示与上一期排名相比的升降。",
    "数据保护：任一年度人数少于 5 的职业或行业，公开页面不显示具体数字。",
)

METHOD_PARAGRAPHS = (
    "预测对象：各职业中类（《中华人民共和国职业分类大典（2022年版）》）的年度需求人数，"
    "历史数据来自人力资源市场供求统计（求人倍率表，年度数据，无年度数据时取四个季度之和；"
    "大类合计行不参与）；各行业门类（GB/T 4754—2017）的年度岗位需求人数，来自平台已发布"
    "岗位信息的分析统计表。只用已结束的年份。",
    "预测方法：对每条序列分别比较朴素法（沿用上年值）、漂移法（按历史平均年增量外推）和"
    "statsmodels 指数平滑状态空间模型 ETS（无趋势、线性趋势、阻尼趋势，加性误差），"
    "以滚动起点回测的 MASE 最小者为所选方法。至少有连续 2 个完整年度的序列才作预测；"
    "只有 2 年的序列只用朴素法，不做回测。"
    "预测期为 1—3 年，给出 80% 与 95% 预测区间（ETS 用状态空间模型的解析区间，"
    "朴素法和漂移法用正态近似，朴素法 σ 取历年一年变化量的均方根；只有 2 年的序列 σ 不小于"
    "末年值的平方根，并用自由度为 1 的 t 分布），预测值和区间下限不低于 0。",
    "回测：从第 k 年起的每个年份作为预测起点，只用该年之前的数据预测其后 1—3 年并与实际值比较；"
    "MASE = 平均绝对误差 ÷ 全部历史的平均年变化量（即朴素法一步预测的样本内平均绝对误差）。"
    "MASE 小于 1 表示误差小于“沿用上年值”的一步误差；所选方法的 MASE 低于朴素法回测 MASE 的"
    "序列即“优于朴素法”。",
    "紧缺职业：预测求人倍率 = 下一年预测需求人数 ÷ 最近一年求职人数；"
    "高于地区阈值（本地区政策参数中的紧缺职业求人倍率阈值，由地区管理员在地区配置中设定；"
    "未设置时为 1，即岗位多于求职者）"
    "的职业中类为紧缺职业，按预测求人倍率从高到低排名；上期排名为用截至上一年的数据"
    "以同一方法得出的排名，↑ 表示名次上升。",
    "小数据保护：任一年度计数小于 5 的序列，在公开页面和公开接口中隐藏数值。",
)

_PLAIN_METHOD_LABELS: dict[str, str] = {
    ForecastMethod.NAIVE: "沿用上年人数",
    ForecastMethod.DRIFT: "按平均年增减推算",
    ForecastMethod.ETS_SIMPLE: "平滑推算（不含趋势）",
    ForecastMethod.ETS_HOLT: "平滑推算（含增减趋势）",
    ForecastMethod.ETS_DAMPED: "平滑推算（趋势逐渐放缓）",
}


def plain_method_label(method: str, *, years: int) -> str:
    """Name the chosen method in plain words; a short history is flagged as such."""
    label = _PLAIN_METHOD_LABELS.get(method, method)
    if years < SHORT_HISTORY_YEARS:
        return f"{label}（仅 {years} 年数据，仅供参考）"
    return label


def plain_summary_text(run: ForecastRun) -> str:
    """One sentence on how much history stands behind the run, in plain words."""
    if run.mase is None:
        return (
            f"共 {run.series_count} 个预测对象。历史数据不足 {SHORT_HISTORY_YEARS} 年，"
            "无法检验哪种办法推得更准，均沿用最近一年的人数，结果仅供参考。"
        )
    return (
        f"共 {run.series_count} 个预测对象，其中 {run.backtested_count} 个有足够长的历史，"
        f"已用过去的年份检验推算办法；其中 {run.beats_naive_count} 个所选办法以往比"
        "“沿用上年人数”推得更准。"
    )


def run_summary_text(run: ForecastRun) -> str:
    """One sentence with the run's back-test figures, for the technical note and reports."""
    if run.mase is None:
        return f"共 {run.series_count} 条序列，历史过短，未做回测，均采用朴素法。"
    return (
        f"共 {run.series_count} 条序列，其中 {run.backtested_count} 条参与滚动起点回测：所选方法"
        f"平均 MASE 为 {run.mase:.3f}，朴素法平均 MASE 为 {run.naive_mase:.3f}，"
        f"{run.beats_naive_count} 条序列的所选方法优于朴素法。"
    )
