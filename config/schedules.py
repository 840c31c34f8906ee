"""Every periodic job of the platform, declared in one place (STYLE §6).

`chanjiao run_periodic_tasks --loop` (started by `chanjiao serve`, or its own process in
production: Procfile, deploy/) checks every ten seconds and enqueues the due ones; a job still
queued or running from its last turn is not queued again. From cron, run it every minute.
"""

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class PeriodicTask:
    task: str  # dotted path of a django-tasks Task
    every: timedelta
    description: str


PERIODIC_TASKS: tuple[PeriodicTask, ...] = (
    PeriodicTask(
        task="chanjiao.audit.tasks.verify_audit_chain_task",
        every=timedelta(days=1),
        description="校验审计日志的哈希链，断链时记为失败并写入错误日志",
    ),
    PeriodicTask(
        task="chanjiao.recognition.tasks.lapse_recognitions_task",
        every=timedelta(days=1),
        description="有效期届满的认定（产教融合型企业、基地等）转为已失效，移出认证目录",
    ),
    PeriodicTask(
        task="chanjiao.listings.tasks.advance_listings_task",
        every=timedelta(hours=1),
        description="发布到期生效的信息，关闭过期信息",
    ),
    PeriodicTask(
        task="chanjiao.crosswalk.tasks.enrich_listings_task",
        every=timedelta(minutes=15),
        description="为尚未分类或已修改的岗位、实习信息识别职业（职业分类大典 2022），统计行业关联",
    ),
    PeriodicTask(
        task="chanjiao.crosswalk.tasks.refit_classifier_task",
        every=timedelta(days=1),
        description="用已确认的职业标注重新拟合职业分类器（无新标注时立即结束）",
    ),
    PeriodicTask(
        task="chanjiao.crosswalk.tasks.infer_major_links_task",
        every=timedelta(days=7),
        description="为没有教学标准对应职业的专业推断职业关联（待人工审核）",
    ),
    PeriodicTask(
        task="chanjiao.crosswalk.tasks.infer_industry_links_task",
        every=timedelta(days=7),
        description="由职业定义、行业说明和专业简介推断职业的行业对应（待人工审核）",
    ),
    PeriodicTask(
        task="chanjiao.recommendations.tasks.recompute_recommendations_task",
        every=timedelta(minutes=15),
        description="重新计算信息变化后过期的推荐结果",
    ),
    PeriodicTask(
        task="chanjiao.recommendations.tasks.recompute_stale_recommendations_task",
        every=timedelta(seconds=20),
        description="重新计算刚变化的信息影响到的推荐结果（无变化时立即结束）",
    ),
    PeriodicTask(
        task="chanjiao.analytics.tasks.fill_analytics_task",
        every=timedelta(hours=1),
        description="重算供需统计计数表（幂等）",
    ),
    PeriodicTask(
        task="chanjiao.early_warning.tasks.evaluate_warnings_task",
        every=timedelta(days=1),
        description="按各地预警规则评估专业预警",
    ),
    PeriodicTask(
        task="chanjiao.forecasting.tasks.compute_all_forecasts_task",
        every=timedelta(days=30),
        description="重新计算人才需求预测及回测误差",
    ),
    PeriodicTask(
        task="chanjiao.reports.tasks.refresh_reports_task",
        every=timedelta(hours=1),
        description="预先生成各地当前年度报告的 PDF（数据未变的直接复用，不重新生成）",
    ),
    PeriodicTask(
        task="chanjiao.reports.tasks.publish_reports_task",
        every=timedelta(days=30),
        description="生成各地上一年度技能人才供需报告（PDF 与 HTML）",
    ),
    PeriodicTask(
        task="chanjiao.organizations.tasks.expire_invitations_task",
        every=timedelta(hours=1),
        description="把超过七天未接受的机构邀请标记为已过期",
    ),
    PeriodicTask(
        task="chanjiao.subscriptions.tasks.notify_expiring_listings_task",
        every=timedelta(days=1),
        description="向发布者发送到期提醒（3 天后到期的已发布信息，每条每个到期日一次）",
    ),
    PeriodicTask(
        task="chanjiao.common.tasks.prune_task_results_task",
        every=timedelta(days=1),
        description="删除一周前已完成的后台任务记录",
    ),
)
