<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>ApplicantPanel</name>
        <message>
            <source>3. Applicant</source>
            <translation>3. 申请人</translation>
        </message>
        <message>
            <source>Applicant kind</source>
            <translation>申请人类型</translation>
        </message>
        <message>
            <source>Applicant kind:</source>
            <translation>申请人类型：</translation>
        </message>
        <message>
            <source>ID type</source>
            <translation>证件类型</translation>
        </message>
        <message>
            <source>ID type:</source>
            <translation>证件类型：</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>证件号码</translation>
        </message>
        <message>
            <source>ID number:</source>
            <translation>证件号码：</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Name:</source>
            <translation>姓名：</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>联系电话</translation>
        </message>
        <message>
            <source>Mobile, or landline with area code</source>
            <translation>手机号码，或带区号的固定电话</translation>
        </message>
        <message>
            <source>Phone:</source>
            <translation>联系电话：</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>Address:</source>
            <translation>地址：</translation>
        </message>
        <message>
            <source>Village or community</source>
            <translation>所属村（社区）</translation>
        </message>
        <message>
            <source>Village:</source>
            <translation>村（社区）：</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>受理渠道</translation>
        </message>
        <message>
            <source>At the window</source>
            <translation>窗口</translation>
        </message>
        <message>
            <source>Through a village agent</source>
            <translation>村代办</translation>
        </message>
        <message>
            <source>By appointment</source>
            <translation>预约</translation>
        </message>
        <message>
            <source>Channel:</source>
            <translation>受理渠道：</translation>
        </message>
        <message>
            <source>An a&amp;gent applies for the applicant</source>
            <translation>由代办人代为申请(&amp;G)</translation>
        </message>
        <message>
            <source>Agent</source>
            <translation>代办人</translation>
        </message>
        <message>
            <source>Agent name</source>
            <translation>代办人姓名</translation>
        </message>
        <message>
            <source>Agent resident ID number</source>
            <translation>代办人身份证号码</translation>
        </message>
        <message>
            <source>Agent phone</source>
            <translation>代办人联系电话</translation>
        </message>
        <message>
            <source>Resident ID:</source>
            <translation>身份证号码：</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Notes:</source>
            <translation>备注：</translation>
        </message>
        <message>
            <source>(not given)</source>
            <translation>（未选择）</translation>
        </message>
        <message>
            <source>Organisation name:</source>
            <translation>单位名称：</translation>
        </message>
        <message>
            <source>Organisation name</source>
            <translation>单位名称</translation>
        </message>
        <message>
            <source>Valid</source>
            <translation>有效</translation>
        </message>
        <message>
            <source>{left} more characters</source>
            <translation>还差 {left} 位</translation>
        </message>
        <message>
            <source>Born {date}, {sex}</source>
            <translation>出生日期 {date}，{sex}</translation>
        </message>
        <message>
            <source>Valid; returning applicant, details filled in</source>
            <translation>有效；老申请人，已填入上次登记的信息</translation>
        </message>
        <message>
            <source>{count} digits so far</source>
            <translation>已输入 {count} 位数字</translation>
        </message>
        <message>
            <source>a valid ID number</source>
            <translation>有效的证件号码</translation>
        </message>
        <message>
            <source>the applicant's name</source>
            <translation>申请人姓名</translation>
        </message>
        <message>
            <source>the organisation's name</source>
            <translation>单位名称</translation>
        </message>
        <message>
            <source>a valid phone number</source>
            <translation>有效的联系电话</translation>
        </message>
        <message>
            <source>the agent's name</source>
            <translation>代办人姓名</translation>
        </message>
        <message>
            <source>the agent's valid ID number</source>
            <translation>代办人有效的身份证号码</translation>
        </message>
        <message>
            <source>the agent's valid phone number</source>
            <translation>代办人有效的联系电话</translation>
        </message>
        <message>
            <source>Enter a valid ID number</source>
            <translation>请输入有效的证件号码</translation>
        </message>
    </context>
    <context>
        <name>BackupScheduler</name>
        <message>
            <source>Automatic backup failed: {reason}</source>
            <translation>自动备份失败：{reason}</translation>
        </message>
    </context>
    <context>
        <name>BackupStatusLabel</name>
        <message>
            <source>Last backup: {at}</source>
            <translation>上次备份：{at}</translation>
        </message>
        <message>
            <source>Last backup: none</source>
            <translation>上次备份：无</translation>
        </message>
    </context>
    <context>
        <name>CalendarSettings</name>
        <message>
            <source>Previous year</source>
            <translation>上一年</translation>
        </message>
        <message>
            <source>Year</source>
            <translation>年份</translation>
        </message>
        <message>
            <source> (year)</source>
            <translation> 年</translation>
        </message>
        <message>
            <source>Next year</source>
            <translation>下一年</translation>
        </message>
        <message>
            <source>Adjust a day:</source>
            <translation>调整日期：</translation>
        </message>
        <message>
            <source>Day to adjust</source>
            <translation>要调整的日期</translation>
        </message>
        <message>
            <source>Adjust…</source>
            <translation>调整…</translation>
        </message>
        <message>
            <source>Paste the State Council &amp;notice…</source>
            <translation>粘贴国务院放假通知(&amp;N)…</translation>
        </message>
        <message>
            <source>Paste the text of the yearly notice on holiday arrangements: its days off and make-up working days are shown before they are applied</source>
            <translation>粘贴国务院办公厅每年的节假日安排通知：先列出其中的放假日和调休上班日，确认后再应用</translation>
        </message>
        <message>
            <source>Days changed by an administrator this year:</source>
            <translation>本年管理员调整的日期：</translation>
        </message>
        <message>
            <source>Days changed by an administrator</source>
            <translation>管理员调整的日期</translation>
        </message>
        <message>
            <source>Day</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Set as</source>
            <translation>设为</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>说明</translation>
        </message>
        <message>
            <source>Working day</source>
            <translation>工作日</translation>
        </message>
        <message>
            <source>Weekend off</source>
            <translation>周末休息</translation>
        </message>
        <message>
            <source>Holiday (H: weekday off)</source>
            <translation>节假日（休：工作日放假）</translation>
        </message>
        <message>
            <source>W: weekend working day</source>
            <translation>班：周末调休上班</translation>
        </message>
        <message>
            <source>Selected</source>
            <translation>已选中</translation>
        </message>
        <message>
            <source>Changed by an administrator</source>
            <translation>管理员调整</translation>
        </message>
        <message>
            <source>There is no official holiday schedule for {year} in this program; an administrator has entered and confirmed the year by hand.</source>
            <translation>本程序中没有{year}年的官方放假安排；该年日历已由管理员手工录入并确认。</translation>
        </message>
        <message>
            <source>Withdraw confirmation</source>
            <translation>撤销确认</translation>
        </message>
        <message>
            <source>⚠ There is no official holiday schedule for {year}: only weekends are counted as days off, so due dates across public holidays will be wrong. Enter the holidays and make-up working days of the State Council's schedule (paste its notice, or select days and mark them), then confirm the year.</source>
            <translation>⚠ 本程序中没有{year}年的官方放假安排：目前只把周六、周日算作休息日，跨越法定节假日的办件到期日会算错。请按国务院办公厅公布的放假安排设置节假日和调休上班日（粘贴放假通知，或选中日期后标记），然后确认本年日历。</translation>
        </message>
        <message>
            <source>Confirm {year} calendar</source>
            <translation>确认{year}年日历</translation>
        </message>
        <message>
            <source>Day off</source>
            <translation>休息日</translation>
        </message>
        <message>
            <source>The {year} calendar is confirmed.</source>
            <translation>{year}年日历已确认。</translation>
        </message>
        <message>
            <source>The confirmation of {year} was withdrawn.</source>
            <translation>已撤销{year}年日历的确认。</translation>
        </message>
        <message>
            <source>back to the official calendar</source>
            <translation>恢复为官方日历</translation>
        </message>
        <message>
            <source>working days</source>
            <translation>上班日</translation>
        </message>
        <message>
            <source>days off</source>
            <translation>休息日</translation>
        </message>
        <message>
            <source>{count} day(s) from {first} to {last} set as {state}.</source>
            <translation>{first}至{last}共{count}天已设为{state}。</translation>
        </message>
        <message>
            <source>The State Council's {year} schedule is applied ({days} days).</source>
            <translation>已应用国务院{year}年放假安排（共{days}天）。</translation>
        </message>
        <message>
            <source>{date} is now a {state}.</source>
            <translation>{date} 已设为{state}。</translation>
        </message>
        <message>
            <source>working day</source>
            <translation>工作日</translation>
        </message>
        <message>
            <source>day off</source>
            <translation>休息日</translation>
        </message>
    </context>
    <context>
        <name>CaseActionDialog</name>
        <message>
            <source>Case {number} · {item} · {applicant}</source>
            <translation>办件 {number} · {item} · {applicant}</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
    </context>
    <context>
        <name>CaseDetailView</name>
        <message>
            <source>Choose a case in the list to see it here.</source>
            <translation>在上方列表中选择办件，即可在此查看详情。</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>事项</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>实施部门</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>渠道</translation>
        </message>
        <message>
            <source>Kind and limit</source>
            <translation>办件类型</translation>
        </message>
        <message>
            <source>Applicant</source>
            <translation>申请人</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>证件</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Agent</source>
            <translation>代办人</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>Window and clerk</source>
            <translation>窗口/经办人</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>受理时间</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>到期日</translation>
        </message>
        <message>
            <source>Delivered</source>
            <translation>送达时间</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>办理结果</translation>
        </message>
        <message>
            <source>Evaluation</source>
            <translation>评价</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>{label}:</source>
            <translation>{label}：</translation>
        </message>
        <message>
            <source>Material</source>
            <translation>材料名称</translation>
        </message>
        <message>
            <source>Form</source>
            <translation>形式</translation>
        </message>
        <message>
            <source>Copies</source>
            <translation>份数</translation>
        </message>
        <message>
            <source>Required</source>
            <translation>必要</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Action</source>
            <translation>操作</translation>
        </message>
        <message>
            <source>By</source>
            <translation>操作人</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>From</source>
            <translation>开始</translation>
        </message>
        <message>
            <source>To</source>
            <translation>结束</translation>
        </message>
        <message>
            <source>Materials</source>
            <translation>材料</translation>
        </message>
        <message>
            <source>History</source>
            <translation>办理记录</translation>
        </message>
        <message>
            <source>Pauses</source>
            <translation>暂停计时</translation>
        </message>
        <message>
            <source>{kind}, promised {promised} / statutory {statutory} working days</source>
            <translation>{kind}，承诺 {promised} / 法定 {statutory} 个工作日</translation>
        </message>
        <message>
            <source>{decision}: {result}</source>
            <translation>{decision}：{result}</translation>
        </message>
        <message>
            <source> ({days} working days, {timing})</source>
            <translation>（用时 {days} 个工作日，{timing}）</translation>
        </message>
        <message>
            <source>on time</source>
            <translation>按时</translation>
        </message>
        <message>
            <source>late</source>
            <translation>超期</translation>
        </message>
        <message>
            <source>{name} ({detail})</source>
            <translation>{name}（{detail}）</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>No</source>
            <translation>否</translation>
        </message>
        <message>
            <source> (by {date})</source>
            <translation>（{date} 前补交）</translation>
        </message>
        <message>
            <source> (tolerated at acceptance, handed in later)</source>
            <translation>（容缺受理，已补交）</translation>
        </message>
        <message>
            <source>running</source>
            <translation>进行中</translation>
        </message>
        <message>
            <source>Pauses ({count})</source>
            <translation>暂停计时（{count}）</translation>
        </message>
    </context>
    <context>
        <name>CaseListPage</name>
        <message>
            <source>Today</source>
            <translation>今日受理</translation>
        </message>
        <message>
            <source>Mine</source>
            <translation>我经办的</translation>
        </message>
        <message>
            <source>In progress</source>
            <translation>在办</translation>
        </message>
        <message>
            <source>Due soon</source>
            <translation>即将到期</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>已超期</translation>
        </message>
        <message>
            <source>All</source>
            <translation>全部</translation>
        </message>
        <message>
            <source>Search cases</source>
            <translation>查找办件</translation>
        </message>
        <message>
            <source>Case number, name, ID number or phone (part is enough)</source>
            <translation>办件编号、姓名、证件号码或电话（输入一部分即可）</translation>
        </message>
        <message>
            <source>Cases</source>
            <translation>办件列表</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message>
            <source>No case matches</source>
            <translation>没有符合条件的办件</translation>
        </message>
        <message>
            <source>Newest {count} shown; scroll down for more</source>
            <translation>已显示最新 {count} 件，向下滚动加载更多</translation>
        </message>
        <message>
            <source>{count} case(s)</source>
            <translation>共 {count} 件</translation>
        </message>
        <message>
            <source>Reprint {document}</source>
            <translation>补打{document}</translation>
        </message>
        <message>
            <source>Print {document}</source>
            <translation>打印{document}</translation>
        </message>
        <message>
            <source>Preparing the document…</source>
            <translation>正在生成文书…</translation>
        </message>
        <message>
            <source>{document} of case {number} is ready: {link}</source>
            <translation>办件 {number} 的{document}已生成：{link}</translation>
        </message>
        <message>
            <source>{action} recorded for case {number}.</source>
            <translation>办件 {number}：已记录“{action}”。</translation>
        </message>
        <message>
            <source> New due date: {date}.</source>
            <translation>新的到期日：{date}。</translation>
        </message>
    </context>
    <context>
        <name>CaseTableModel</name>
        <message>
            <source>Number</source>
            <translation>办件编号</translation>
        </message>
        <message>
            <source>Item</source>
            <translation>事项</translation>
        </message>
        <message>
            <source>Applicant</source>
            <translation>申请人</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>受理时间</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>到期日</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Window</source>
            <translation>窗口</translation>
        </message>
        <message>
            <source>Clerk</source>
            <translation>经办人</translation>
        </message>
        <message>
            <source>Due within the warning period</source>
            <translation>即将到期（黄色预警）</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>已超期（红色预警）</translation>
        </message>
    </context>
    <context>
        <name>CatalogAdminPage</name>
        <message>
            <source>Version history (newest first)</source>
            <translation>版本历史（最新的在前）</translation>
        </message>
        <message>
            <source>&amp;Import a catalog…</source>
            <translation>导入事项目录(&amp;I)…</translation>
        </message>
        <message>
            <source>Check a catalog workbook, review what it changes, then import it</source>
            <translation>检查事项目录工作簿，查看将带来的变更，确认后导入</translation>
        </message>
        <message>
            <source>&amp;Export the active catalog…</source>
            <translation>导出当前目录(&amp;E)…</translation>
        </message>
        <message>
            <source>The active items in the template's shape; it can be edited and imported again</source>
            <translation>按模板格式导出当前有效的事项，修改后可重新导入</translation>
        </message>
        <message>
            <source>Save a blank &amp;template…</source>
            <translation>保存空白模板(&amp;T)…</translation>
        </message>
        <message>
            <source>Catalog versions</source>
            <translation>目录版本</translation>
        </message>
        <message>
            <source>Active items: {active}    Retired items: {retired}    Versions: {versions}</source>
            <translation>有效事项：{active}个    已撤销事项：{retired}个    目录版本：{versions}个</translation>
        </message>
        <message>
            <source>Catalog {date}</source>
            <translation>事项目录{date}</translation>
        </message>
        <message>
            <source>Export the active catalog</source>
            <translation>导出当前事项目录</translation>
        </message>
        <message>
            <source>Exported {count} active item(s) to {path}</source>
            <translation>已导出{count}个有效事项：{path}</translation>
        </message>
        <message>
            <source>Catalog template</source>
            <translation>事项目录模板</translation>
        </message>
        <message>
            <source>Save a blank catalog template</source>
            <translation>保存空白的事项目录模板</translation>
        </message>
        <message>
            <source>Saved a blank catalog template to {path}</source>
            <translation>已保存空白的事项目录模板：{path}</translation>
        </message>
    </context>
    <context>
        <name>CatalogBrowserPage</name>
        <message>
            <source>Find an item</source>
            <translation>查找事项</translation>
        </message>
        <message>
            <source>Name, everyday name, pinyin initials or code</source>
            <translation>名称、常用名、拼音首字母或编码</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>部门</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>事项类型</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>受理层级</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>办件类型</translation>
        </message>
        <message>
            <source>All categories</source>
            <translation>全部类型</translation>
        </message>
        <message>
            <source>All levels</source>
            <translation>全部层级</translation>
        </message>
        <message>
            <source>Instant and promised</source>
            <translation>即办件和承诺件</translation>
        </message>
        <message>
            <source>Items of the catalog</source>
            <translation>目录中的事项</translation>
        </message>
        <message>
            <source>All departments</source>
            <translation>全部部门</translation>
        </message>
        <message>
            <source>{shown} of {total} items</source>
            <translation>显示{shown}项，共{total}项</translation>
        </message>
        <message>
            <source>Everyday names saved; search finds them now.</source>
            <translation>常用名已保存，现在即可按常用名查找。</translation>
        </message>
        <message>
            <source>No change.</source>
            <translation>没有变化。</translation>
        </message>
    </context>
    <context>
        <name>CatalogChangeModel</name>
        <message>
            <source>Code</source>
            <translation>事项编码</translation>
        </message>
        <message>
            <source>Item / field</source>
            <translation>事项 / 字段</translation>
        </message>
        <message>
            <source>Before</source>
            <translation>变更前</translation>
        </message>
        <message>
            <source>After</source>
            <translation>变更后</translation>
        </message>
        <message>
            <source>New items ({count})</source>
            <translation>新增事项（{count}个）</translation>
        </message>
        <message>
            <source>Changed items ({count}, {recoded} of them a code change)</source>
            <translation>变更的事项（{count}项，其中编码变更{recoded}项）</translation>
        </message>
        <message>
            <source>Changed items ({count})</source>
            <translation>变更事项（{count}个）</translation>
        </message>
        <message>
            <source>— code change: the same item, its cases follow it</source>
            <translation>—— 编码变更：同一事项，办件和使用记录随之保留</translation>
        </message>
        <message>
            <source>Items to retire ({count}): kept, no longer offered for new cases</source>
            <translation>撤销事项（{count}个）：保留记录，不再受理新办件</translation>
        </message>
        <message>
            <source>{name} ({department})</source>
            <translation>{name}（{department}）</translation>
        </message>
        <message>
            <source>— retired earlier, restored by this file</source>
            <translation>——此前已撤销，本次恢复</translation>
        </message>
    </context>
    <context>
        <name>CatalogFiles</name>
        <message>
            <source>Choose a catalog workbook</source>
            <translation>选择事项目录工作簿</translation>
        </message>
        <message>
            <source>Excel workbooks (*.xlsx);;All files (*)</source>
            <translation>Excel 工作簿 (*.xlsx);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Excel 工作簿 (*.xlsx)</translation>
        </message>
    </context>
    <context>
        <name>CatalogImportDialog</name>
        <message>
            <source>Import a catalog</source>
            <translation>导入事项目录</translation>
        </message>
        <message>
            <source>Catalog file</source>
            <translation>目录文件</translation>
        </message>
        <message>
            <source>The catalog workbook (.xlsx) to import</source>
            <translation>要导入的事项目录工作簿（.xlsx）</translation>
        </message>
        <message>
            <source>&amp;Browse…</source>
            <translation>浏览(&amp;B)…</translation>
        </message>
        <message>
            <source>Catalog &amp;file:</source>
            <translation>目录文件(&amp;F)：</translation>
        </message>
        <message>
            <source>Version label</source>
            <translation>版本说明</translation>
        </message>
        <message>
            <source>Version &amp;label:</source>
            <translation>版本说明(&amp;L)：</translation>
        </message>
        <message>
            <source>The file is read and checked first; the next step shows every problem, or every change the import would make. Nothing changes until you confirm the import.</source>
            <translation>先读取并检查文件：下一步列出发现的全部问题，或导入将带来的全部变更。确认导入之前，不会做任何改动。</translation>
        </message>
        <message>
            <source>Problems found in the file</source>
            <translation>文件中发现的问题</translation>
        </message>
        <message>
            <source>&amp;Save the problems as a workbook…</source>
            <translation>将问题清单另存为工作簿(&amp;S)…</translation>
        </message>
        <message>
            <source>Warnings</source>
            <translation>警告</translation>
        </message>
        <message>
            <source>Items to retire are not deleted. Open cases of a retired item keep the item as it was when they were accepted and can still be completed; it is only no longer offered for new cases.</source>
            <translation>撤销的事项不会被删除：该事项的在办件保留受理时的事项内容，仍可正常办结；只是不再受理新的办件。</translation>
        </message>
        <message>
            <source>Changes the import would make</source>
            <translation>导入将带来的变更</translation>
        </message>
        <message>
            <source>&lt; &amp;Back</source>
            <translation>&lt; 上一步(&amp;B)</translation>
        </message>
        <message>
            <source>&amp;Import these changes</source>
            <translation>确认导入(&amp;I)</translation>
        </message>
        <message>
            <source>&amp;Check again</source>
            <translation>重新检查(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Check the file</source>
            <translation>检查文件(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>关闭(&amp;C)</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>1. Choose the file</source>
            <translation>1. 选择文件</translation>
        </message>
        <message>
            <source>2. Check it</source>
            <translation>2. 检查</translation>
        </message>
        <message>
            <source>3. Review</source>
            <translation>3. 查看变更</translation>
        </message>
        <message>
            <source>4. Done</source>
            <translation>4. 完成</translation>
        </message>
        <message>
            <source>Optional; defaults to the file name “{name}”</source>
            <translation>可不填，默认为文件名“{name}”</translation>
        </message>
        <message>
            <source>Optional; defaults to the file name</source>
            <translation>可不填，默认为文件名</translation>
        </message>
        <message>
            <source>Reading and checking “{file}”…</source>
            <translation>正在读取并检查“{file}”…</translation>
        </message>
        <message>
            <source>“{file}” has {errors} error(s) and {warnings} warning(s). Nothing can be imported from it: correct the file (save the list below as a workbook to work from), then check it again.</source>
            <translation>“{file}”有{errors}个错误、{warnings}个警告，不能导入。请修改文件（可将下面的问题清单另存为工作簿，逐条修改）后重新检查。</translation>
        </message>
        <message>
            <source>“{file}”: {added} new, {changed} changed, {retired} to retire, {unchanged} unchanged.</source>
            <translation>“{file}”：新增{added}个，变更{changed}个，撤销{retired}个，未变{unchanged}个。</translation>
        </message>
        <message>
            <source>The file matches the current catalog: importing it changes nothing and creates no version.</source>
            <translation>文件与当前目录相同：导入不会产生任何变更，也不会创建新版本。</translation>
        </message>
        <message>
            <source>{count} warning(s); they do not stop the import:</source>
            <translation>{count}个警告（不影响导入）：</translation>
        </message>
        <message>
            <source>Yes, retire {retired} of the {active} items in use (more than a third of the catalog)</source>
            <translation>确认撤销现有{active}个事项中的{retired}个（超过三分之一）</translation>
        </message>
        <message>
            <source>Tick the confirmation of the items to retire first</source>
            <translation>请先勾选确认撤销的事项数</translation>
        </message>
        <message>
            <source>Importing the changes…</source>
            <translation>正在导入…</translation>
        </message>
        <message>
            <source>No changes: the file matches the current catalog, so no version was created.</source>
            <translation>没有变更：文件与当前目录相同，未创建新版本。</translation>
        </message>
        <message>
            <source>Imported as catalog version {id}, “{label}”.</source>
            <translation>已导入为目录版本 #{id}「{label}」。</translation>
        </message>
        <message>
            <source>{added} new, {changed} changed, {recoded} code change(s), {retired} retired, {unchanged} unchanged</source>
            <translation>新增{added}项，变更{changed}项，编码变更{recoded}项，撤销{retired}项，未变{unchanged}项</translation>
        </message>
        <message>
            <source>Save the problems as a workbook</source>
            <translation>将问题清单另存为工作簿</translation>
        </message>
        <message>
            <source>{name} problems</source>
            <translation>{name}_问题清单</translation>
        </message>
        <message>
            <source>Saved the problems to {path}</source>
            <translation>问题清单已保存：{path}</translation>
        </message>
    </context>
    <context>
        <name>CatalogItemModel</name>
        <message>
            <source>Item</source>
            <translation>事项</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>部门</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>事项类型</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>层级</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>办件类型</translation>
        </message>
        <message>
            <source>Promised limit</source>
            <translation>承诺时限</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>编码</translation>
        </message>
        <message>
            <source>on the spot</source>
            <translation>当场办结</translation>
        </message>
        <message>
            <source>{days} working days</source>
            <translation>{days}个工作日</translation>
        </message>
    </context>
    <context>
        <name>CatalogProblemModel</name>
        <message>
            <source>Severity</source>
            <translation>级别</translation>
        </message>
        <message>
            <source>Sheet</source>
            <translation>工作表</translation>
        </message>
        <message>
            <source>Row</source>
            <translation>行号</translation>
        </message>
        <message>
            <source>Column</source>
            <translation>列</translation>
        </message>
        <message>
            <source>Problem</source>
            <translation>问题说明</translation>
        </message>
        <message>
            <source>Error</source>
            <translation>错误</translation>
        </message>
        <message>
            <source>Warning</source>
            <translation>警告</translation>
        </message>
    </context>
    <context>
        <name>CatalogVersionModel</name>
        <message>
            <source>Label</source>
            <translation>版本说明</translation>
        </message>
        <message>
            <source>File</source>
            <translation>文件名</translation>
        </message>
        <message>
            <source>Imported at</source>
            <translation>导入时间</translation>
        </message>
        <message>
            <source>Imported by</source>
            <translation>导入人</translation>
        </message>
        <message>
            <source>Added</source>
            <translation>新增</translation>
        </message>
        <message>
            <source>Changed</source>
            <translation>变更</translation>
        </message>
        <message>
            <source>Retired</source>
            <translation>撤销</translation>
        </message>
        <message>
            <source>Unchanged</source>
            <translation>未变</translation>
        </message>
        <message>
            <source>File fingerprint</source>
            <translation>文件指纹（前8位）</translation>
        </message>
        <message>
            <source>The first {shown} characters of the file's SHA-256 fingerprint: the same file always has the same fingerprint</source>
            <translation>文件SHA-256指纹的前{shown}位：同一个文件的指纹总是相同</translation>
        </message>
        <message>
            <source>The file's fingerprint (SHA-256): two files with the same fingerprint are the same file, byte for byte; a file changed in any way gets another. Compare it with the file a county sent to know which one was imported.
{digest}</source>
            <translation>文件指纹（SHA-256）：指纹相同的两个文件内容完全相同，文件有任何改动指纹都会不同。可与县里下发的文件核对，确认导入的是哪一份。
{digest}</translation>
        </message>
    </context>
    <context>
        <name>CenterSettingsForm</name>
        <message>
            <source>Center name</source>
            <translation>中心名称</translation>
        </message>
        <message>
            <source>Center code</source>
            <translation>中心代码</translation>
        </message>
        <message>
            <source>9 or 12 digit division code, e.g. 320324101</source>
            <translation>9位或12位行政区划代码，如 320324101</translation>
        </message>
        <message>
            <source>Contact phone</source>
            <translation>联系电话</translation>
        </message>
        <message>
            <source>e.g. 0516-88881234</source>
            <translation>如 0516-88881234</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>Receipt footer</source>
            <translation>通知书页脚</translation>
        </message>
        <message>
            <source>Paper size</source>
            <translation>纸张大小</translation>
        </message>
        <message>
            <source>Print receipts in two parts (stub and applicant)</source>
            <translation>受理通知书打印两联（存根联和申请人联）</translation>
        </message>
        <message>
            <source>Two-part receipts</source>
            <translation>两联打印</translation>
        </message>
        <message>
            <source>Lock the screen after idle minutes</source>
            <translation>无操作自动锁屏时间（分钟）</translation>
        </message>
        <message>
            <source> min</source>
            <translation> 分钟</translation>
        </message>
        <message>
            <source>Lock when idle for</source>
            <translation>无操作自动锁屏</translation>
        </message>
        <message>
            <source>Warning days before the due date</source>
            <translation>到期前预警天数（工作日）</translation>
        </message>
        <message>
            <source> working days</source>
            <translation> 个工作日</translation>
        </message>
        <message>
            <source>Yellow warning within</source>
            <translation>黄色预警提前</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>Undo changes</source>
            <translation>撤销修改</translation>
        </message>
        <message>
            <source>Backups</source>
            <translation>备份</translation>
        </message>
        <message>
            <source>Second backup location</source>
            <translation>第二备份位置</translation>
        </message>
        <message>
            <source>A USB drive or network share folder; empty: the data folder only</source>
            <translation>U盘或网络共享文件夹；留空则只备份到数据目录</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>选择…</translation>
        </message>
        <message>
            <source>Second location</source>
            <translation>第二备份位置</translation>
        </message>
        <message>
            <source>Back up every</source>
            <translation>自动备份间隔</translation>
        </message>
        <message>
            <source> h</source>
            <translation> 小时</translation>
        </message>
        <message>
            <source>Daily backups kept</source>
            <translation>保留每日备份</translation>
        </message>
        <message>
            <source>Weekly backups kept</source>
            <translation>保留每周备份</translation>
        </message>
        <message>
            <source>Monthly backups kept</source>
            <translation>保留每月备份</translation>
        </message>
        <message>
            <source>Encrypt backups with the passphrase (townclerk backup passphrase)</source>
            <translation>用备份口令加密备份（口令用 townclerk backup passphrase 设置）</translation>
        </message>
        <message>
            <source>Encrypt backups</source>
            <translation>加密备份</translation>
        </message>
        <message>
            <source>Encryption</source>
            <translation>加密</translation>
        </message>
        <message>
            <source>Center settings saved.</source>
            <translation>中心信息已保存。</translation>
        </message>
        <message>
            <source>Change the center code?</source>
            <translation>更改中心代码？</translation>
        </message>
        <message>
            <source>New case numbers will start with {new} instead of {old}; numbers already given keep {old} and are still found by their full number. Change the code?</source>
            <translation>此后新办件编号将以 {new} 开头，不再是 {old}；已编的办件编号仍为 {old}，可按完整编号查找。确定更改吗？</translation>
        </message>
    </context>
    <context>
        <name>CompleteDialog</name>
        <message>
            <source>Complete the case</source>
            <translation>办结</translation>
        </message>
        <message>
            <source>Record the decision and the result. The case then waits for the result to be handed to the applicant.</source>
            <translation>记录办理决定和办理结果。办结后等待向申请人送达。</translation>
        </message>
        <message>
            <source>Complete</source>
            <translation>确认办结</translation>
        </message>
        <message>
            <source>Decision</source>
            <translation>办理决定</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>办理结果</translation>
        </message>
        <message>
            <source>e.g. business licence, approval document, decision not to permit</source>
            <translation>如：营业执照、批复文件、不予许可决定书</translation>
        </message>
        <message>
            <source>Reason or note (required for a denial)</source>
            <translation>理由或说明（不予时必填）</translation>
        </message>
        <message>
            <source>Please fill in the result</source>
            <translation>请填写办理结果</translation>
        </message>
        <message>
            <source>A denial must state its reason</source>
            <translation>不予办理必须说明理由</translation>
        </message>
    </context>
    <context>
        <name>Crash</name>
        <message>
            <source>Cannot continue</source>
            <translation>无法继续</translation>
        </message>
    </context>
    <context>
        <name>CrashDialog</name>
        <message>
            <source>Unexpected error</source>
            <translation>程序出错</translation>
        </message>
        <message>
            <source>The program ran into an error it did not expect. What you saved before is safe; the last action may not have been completed. Please check it, and tell the system administrator.</source>
            <translation>程序遇到了意外错误。此前已保存的数据不受影响；刚才的操作可能没有完成，请核对，并告知系统管理员。</translation>
        </message>
        <message>
            <source>The details were written to the log file:
{path}</source>
            <translation>错误详情已写入日志文件：
{path}</translation>
        </message>
        <message>
            <source>The log file could not be written; please copy the details below.</source>
            <translation>日志文件无法写入，请复制下面的错误详情。</translation>
        </message>
        <message>
            <source>Error details</source>
            <translation>错误详情</translation>
        </message>
        <message>
            <source>Copy details</source>
            <translation>复制详情</translation>
        </message>
        <message>
            <source>Continue</source>
            <translation>继续</translation>
        </message>
        <message>
            <source>Quit the program</source>
            <translation>退出程序</translation>
        </message>
    </context>
    <context>
        <name>DamagedDatabaseDialog</name>
        <message>
            <source>The database cannot be read</source>
            <translation>数据库无法读取</translation>
        </message>
        <message>
            <source>Administrator</source>
            <translation>管理员</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>密码</translation>
        </message>
        <message>
            <source>Backup passphrase</source>
            <translation>备份口令</translation>
        </message>
        <message>
            <source>Restore this backup</source>
            <translation>恢复该备份</translation>
        </message>
        <message>
            <source>There is no backup in the data folder. Keep the damaged file and call support; the log is in {folder}.</source>
            <translation>数据目录中没有备份。请保留已损坏的文件并联系技术支持；日志在 {folder}。</translation>
        </message>
        <message>
            <source>The newest good backup is {path} ({at}). An administrator can restore it now; the damaged file is kept. Cases registered after the backup are lost.</source>
            <translation>最新的完好备份是 {path}（{at}）。管理员可以立即恢复该备份，已损坏的文件会另行保留；备份之后登记的办件将会丢失。</translation>
        </message>
    </context>
    <context>
        <name>DashboardMeasures</name>
        <message>
            <source>Accepted</source>
            <translation>受理量</translation>
        </message>
        <message>
            <source>Instant cases</source>
            <translation>即办件</translation>
        </message>
        <message>
            <source>Promise-based cases</source>
            <translation>承诺件</translation>
        </message>
        <message>
            <source>One-time notices</source>
            <translation>一次性告知</translation>
        </message>
        <message>
            <source>Refusals</source>
            <translation>不予受理</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>办结量</translation>
        </message>
        <message>
            <source>Completed on time</source>
            <translation>按时办结</translation>
        </message>
        <message>
            <source>Completed late</source>
            <translation>超期办结</translation>
        </message>
        <message>
            <source>On-time rate</source>
            <translation>按时办结率</translation>
        </message>
        <message>
            <source>Average time to complete (working days)</source>
            <translation>平均办结用时（工作日）</translation>
        </message>
        <message>
            <source>In progress</source>
            <translation>在办</translation>
        </message>
        <message>
            <source>Overdue in progress</source>
            <translation>在办超期</translation>
        </message>
        <message>
            <source>Evaluations</source>
            <translation>评价数</translation>
        </message>
        <message>
            <source>Satisfaction rate</source>
            <translation>满意率</translation>
        </message>
    </context>
    <context>
        <name>DashboardPage</name>
        <message>
            <source>Item</source>
            <translation>事项</translation>
        </message>
        <message>
            <source>Window</source>
            <translation>窗口</translation>
        </message>
        <message>
            <source>Clerk</source>
            <translation>经办人</translation>
        </message>
        <message>
            <source>Top items</source>
            <translation>事项排行</translation>
        </message>
        <message>
            <source>Top items today</source>
            <translation>今日事项排行</translation>
        </message>
        <message>
            <source>By window</source>
            <translation>按窗口</translation>
        </message>
        <message>
            <source>By clerk</source>
            <translation>按经办人</translation>
        </message>
        <message>
            <source>Today by window</source>
            <translation>今日各窗口</translation>
        </message>
        <message>
            <source>Today by clerk</source>
            <translation>今日各经办人</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>刷新(&amp;R)</translation>
        </message>
        <message>
            <source>Count again, including the days before today (other windows' work too)</source>
            <translation>重新统计，含今天以前的各天（其他窗口新办的件也一并统计）</translation>
        </message>
        <message>
            <source>Counting…</source>
            <translation>正在统计…</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>今日</translation>
        </message>
        <message>
            <source>{center} — today, {day}</source>
            <translation>{center} · 今日 {day}</translation>
        </message>
        <message>
            <source>Counted at {time}</source>
            <translation>统计于 {time}</translation>
        </message>
    </context>
    <context>
        <name>DayOverrideDialog</name>
        <message>
            <source>Adjust a day</source>
            <translation>调整日期</translation>
        </message>
        <message>
            <source>working day</source>
            <translation>工作日</translation>
        </message>
        <message>
            <source>day off</source>
            <translation>休息日</translation>
        </message>
        <message>
            <source>{date}: officially a {state}.</source>
            <translation>{date}：官方日历为{state}。</translation>
        </message>
        <message>
            <source> ({holiday})</source>
            <translation>（{holiday}）</translation>
        </message>
        <message>
            <source>An administrator has set it as a {state}.</source>
            <translation>管理员已将其设为{state}。</translation>
        </message>
        <message>
            <source>Working day</source>
            <translation>工作日（上班）</translation>
        </message>
        <message>
            <source>Day off</source>
            <translation>休息日（放假）</translation>
        </message>
        <message>
            <source>As the official calendar (remove the change)</source>
            <translation>按官方日历（取消调整）</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>说明</translation>
        </message>
        <message>
            <source>e.g. per the county notice of 2027-11-20</source>
            <translation>如：依据县政府2027年11月20日通知</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>确定</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
    </context>
    <context>
        <name>EnumText</name>
        <message>
            <source>Window clerk</source>
            <translation>窗口工作人员</translation>
        </message>
        <message>
            <source>Center supervisor</source>
            <translation>中心负责人</translation>
        </message>
        <message>
            <source>System administrator</source>
            <translation>系统管理员</translation>
        </message>
        <message>
            <source>Administrative licensing</source>
            <translation>行政许可</translation>
        </message>
        <message>
            <source>Administrative confirmation</source>
            <translation>行政确认</translation>
        </message>
        <message>
            <source>Administrative benefit</source>
            <translation>行政给付</translation>
        </message>
        <message>
            <source>Administrative adjudication</source>
            <translation>行政裁决</translation>
        </message>
        <message>
            <source>Administrative reward</source>
            <translation>行政奖励</translation>
        </message>
        <message>
            <source>Administrative filing</source>
            <translation>行政备案</translation>
        </message>
        <message>
            <source>Other administrative power</source>
            <translation>其他行政权力</translation>
        </message>
        <message>
            <source>Public service</source>
            <translation>公共服务</translation>
        </message>
        <message>
            <source>Township level</source>
            <translation>镇级</translation>
        </message>
        <message>
            <source>Village level</source>
            <translation>村级</translation>
        </message>
        <message>
            <source>Instant case</source>
            <translation>即办件</translation>
        </message>
        <message>
            <source>Promise-based case</source>
            <translation>承诺件</translation>
        </message>
        <message>
            <source>Original</source>
            <translation>原件</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>复印件</translation>
        </message>
        <message>
            <source>Original and copy</source>
            <translation>原件及复印件</translation>
        </message>
        <message>
            <source>Electronic</source>
            <translation>电子</translation>
        </message>
        <message>
            <source>Natural person</source>
            <translation>自然人</translation>
        </message>
        <message>
            <source>Legal person or organisation</source>
            <translation>法人及其他组织</translation>
        </message>
        <message>
            <source>Resident ID card</source>
            <translation>居民身份证</translation>
        </message>
        <message>
            <source>Unified social credit code</source>
            <translation>统一社会信用代码</translation>
        </message>
        <message>
            <source>Other ID document</source>
            <translation>其他证件</translation>
        </message>
        <message>
            <source>Male</source>
            <translation>男</translation>
        </message>
        <message>
            <source>Female</source>
            <translation>女</translation>
        </message>
        <message>
            <source>Received</source>
            <translation>已收取</translation>
        </message>
        <message>
            <source>Missing</source>
            <translation>缺</translation>
        </message>
        <message>
            <source>Tolerated</source>
            <translation>容缺</translation>
        </message>
        <message>
            <source>One-time notice given</source>
            <translation>已一次性告知</translation>
        </message>
        <message>
            <source>Refused</source>
            <translation>不予受理</translation>
        </message>
        <message>
            <source>In progress</source>
            <translation>在办</translation>
        </message>
        <message>
            <source>Awaiting correction</source>
            <translation>补正中</translation>
        </message>
        <message>
            <source>In special procedure</source>
            <translation>特别程序中</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>已办结</translation>
        </message>
        <message>
            <source>Delivered</source>
            <translation>已送达</translation>
        </message>
        <message>
            <source>Withdrawn</source>
            <translation>已撤回</translation>
        </message>
        <message>
            <source>Acceptance</source>
            <translation>受理</translation>
        </message>
        <message>
            <source>One-time notice</source>
            <translation>一次性告知</translation>
        </message>
        <message>
            <source>Start of correction</source>
            <translation>开始补正</translation>
        </message>
        <message>
            <source>End of correction</source>
            <translation>补正完成</translation>
        </message>
        <message>
            <source>Start of special procedure</source>
            <translation>开始特别程序</translation>
        </message>
        <message>
            <source>End of special procedure</source>
            <translation>特别程序结束</translation>
        </message>
        <message>
            <source>Completion</source>
            <translation>办结</translation>
        </message>
        <message>
            <source>Delivery</source>
            <translation>送达</translation>
        </message>
        <message>
            <source>Withdrawal</source>
            <translation>撤回</translation>
        </message>
        <message>
            <source>Evaluation</source>
            <translation>好差评</translation>
        </message>
        <message>
            <source>Tolerated material handed in</source>
            <translation>补交容缺材料</translation>
        </message>
        <message>
            <source>Printing</source>
            <translation>打印</translation>
        </message>
        <message>
            <source>Reprint</source>
            <translation>补打</translation>
        </message>
        <message>
            <source>Acceptance receipt</source>
            <translation>受理通知书</translation>
        </message>
        <message>
            <source>One-time notice letter</source>
            <translation>一次性告知书</translation>
        </message>
        <message>
            <source>Notice of refusal</source>
            <translation>不予受理通知书</translation>
        </message>
        <message>
            <source>Completion notice</source>
            <translation>办结通知书</translation>
        </message>
        <message>
            <source>Granted</source>
            <translation>准予</translation>
        </message>
        <message>
            <source>Denied</source>
            <translation>不予</translation>
        </message>
        <message>
            <source>Very satisfied</source>
            <translation>非常满意</translation>
        </message>
        <message>
            <source>Satisfied</source>
            <translation>满意</translation>
        </message>
        <message>
            <source>Basically satisfied</source>
            <translation>基本满意</translation>
        </message>
        <message>
            <source>Dissatisfied</source>
            <translation>不满意</translation>
        </message>
        <message>
            <source>Very dissatisfied</source>
            <translation>非常不满意</translation>
        </message>
        <message>
            <source>At the window</source>
            <translation>窗口</translation>
        </message>
        <message>
            <source>Village agent</source>
            <translation>村代办</translation>
        </message>
        <message>
            <source>Appointment</source>
            <translation>预约</translation>
        </message>
        <message>
            <source>Correction</source>
            <translation>补正</translation>
        </message>
        <message>
            <source>Special procedure</source>
            <translation>特别程序</translation>
        </message>
        <message>
            <source>Statutory, exercised at this level</source>
            <translation>法定本级行使</translation>
        </message>
        <message>
            <source>Delegated from above</source>
            <translation>上级下放</translation>
        </message>
        <message>
            <source>Authorised from above</source>
            <translation>上级授权</translation>
        </message>
        <message>
            <source>Authorised by a peer department</source>
            <translation>同级授权</translation>
        </message>
        <message>
            <source>Entrusted from above</source>
            <translation>上级委托</translation>
        </message>
        <message>
            <source>Entrusted by a peer department</source>
            <translation>同级委托</translation>
        </message>
        <message>
            <source>Licence or certificate</source>
            <translation>证照</translation>
        </message>
        <message>
            <source>Approval document</source>
            <translation>批文</translation>
        </message>
        <message>
            <source>Other result</source>
            <translation>其他</translation>
        </message>
        <message>
            <source>No result document</source>
            <translation>无</translation>
        </message>
    </context>
    <context>
        <name>EvaluateDialog</name>
        <message>
            <source>Evaluation</source>
            <translation>好差评</translation>
        </message>
        <message>
            <source>Record the applicant's own evaluation of the service. A case is evaluated once.</source>
            <translation>记录申请人本人对服务的评价。每件办件只能评价一次。</translation>
        </message>
        <message>
            <source>Record evaluation</source>
            <translation>确认评价</translation>
        </message>
        <message>
            <source>Applicant's comment</source>
            <translation>申请人意见</translation>
        </message>
        <message>
            <source>Please choose the applicant's evaluation</source>
            <translation>请选择申请人的评价</translation>
        </message>
    </context>
    <context>
        <name>FigureBoard</name>
        <message>
            <source>{on_time} on time, {late} late</source>
            <translation>按时 {on_time} 件，超期 {late} 件</translation>
        </message>
        <message>
            <source>{on_time} of {completed} completed</source>
            <translation>办结 {completed} 件中按时 {on_time} 件</translation>
        </message>
        <message>
            <source>{count} evaluation(s)</source>
            <translation>评价 {count} 条</translation>
        </message>
        <message>
            <source>as of {time}</source>
            <translation>截至 {time}</translation>
        </message>
    </context>
    <context>
        <name>HolidayNoticeDialog</name>
        <message>
            <source>The State Council's holiday notice</source>
            <translation>国务院节假日安排通知</translation>
        </message>
        <message>
            <source>Mon</source>
            <translation>周一</translation>
        </message>
        <message>
            <source>Tue</source>
            <translation>周二</translation>
        </message>
        <message>
            <source>Wed</source>
            <translation>周三</translation>
        </message>
        <message>
            <source>Thu</source>
            <translation>周四</translation>
        </message>
        <message>
            <source>Fri</source>
            <translation>周五</translation>
        </message>
        <message>
            <source>Sat</source>
            <translation>周六</translation>
        </message>
        <message>
            <source>Sun</source>
            <translation>周日</translation>
        </message>
        <message>
            <source>Paste the notice (国务院办公厅关于…年部分节假日安排的通知) from its title to its last holiday, then press Read. Nothing is changed until you apply the days shown.</source>
            <translation>粘贴《国务院办公厅关于…年部分节假日安排的通知》（从标题到最后一个节日），然后按“读取”。应用所列日期之前不会改动日历。</translation>
        </message>
        <message>
            <source>Text of the notice</source>
            <translation>通知原文</translation>
        </message>
        <message>
            <source>Year, if the title is not pasted:</source>
            <translation>年份（未粘贴标题时）：</translation>
        </message>
        <message>
            <source>&amp;Read</source>
            <translation>读取(&amp;R)</translation>
        </message>
        <message>
            <source>Days the notice sets</source>
            <translation>通知设定的日期</translation>
        </message>
        <message>
            <source>Day</source>
            <translation>日期</translation>
        </message>
        <message>
            <source>Set as</source>
            <translation>设为</translation>
        </message>
        <message>
            <source>Holiday</source>
            <translation>节日</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>变化</translation>
        </message>
        <message>
            <source>&amp;Apply these days</source>
            <translation>应用这些日期(&amp;A)</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>班 working day</source>
            <translation>班 上班</translation>
        </message>
        <message>
            <source>休 day off</source>
            <translation>休 放假</translation>
        </message>
        <message>
            <source>{date} ({weekday})</source>
            <translation>{date}（{weekday}）</translation>
        </message>
        <message>
            <source>changes the calendar</source>
            <translation>与现日历不同</translation>
        </message>
        <message>
            <source>{year}: {holidays}. {off} day(s) off and {worked} make-up working day(s); {changes} of them differ from the calendar in use.</source>
            <translation>{year}年：{holidays}。放假{off}天，调休上班{worked}天；其中{changes}天与现用日历不同。</translation>
        </message>
        <message>
            <source>Read the text first</source>
            <translation>请先读取通知原文</translation>
        </message>
    </context>
    <context>
        <name>IntakePage</name>
        <message>
            <source>C&amp;lear form</source>
            <translation>清空(&amp;L)</translation>
        </message>
        <message>
            <source>Clear the form for the next resident</source>
            <translation>清空表单，接待下一位群众</translation>
        </message>
        <message>
            <source>One-time &amp;notice</source>
            <translation>一次性告知(&amp;N)</translation>
        </message>
        <message>
            <source>Record a one-time notice</source>
            <translation>登记一次性告知</translation>
        </message>
        <message>
            <source>&amp;Refuse</source>
            <translation>不予受理(&amp;R)</translation>
        </message>
        <message>
            <source>Refuse the application</source>
            <translation>不予受理</translation>
        </message>
        <message>
            <source>Accept (Ctrl+Enter)</source>
            <translation>受理 (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>Accept the application</source>
            <translation>受理申请</translation>
        </message>
        <message>
            <source>an item</source>
            <translation>选择事项</translation>
        </message>
        <message>
            <source>Saving…</source>
            <translation>正在保存…</translation>
        </message>
        <message>
            <source>To accept, still needed: {problems}</source>
            <translation>受理前还需：{problems}</translation>
        </message>
        <message>
            <source>Ready to accept: press Ctrl+Enter.</source>
            <translation>可以受理：按 Ctrl+Enter。</translation>
        </message>
        <message>
            <source>{seq}. {name} ({need})</source>
            <translation>{seq}. {name}（{need}）</translation>
        </message>
        <message>
            <source>required</source>
            <translation>必要</translation>
        </message>
        <message>
            <source>optional</source>
            <translation>非必要</translation>
        </message>
        <message>
            <source>(no material is missing)</source>
            <translation>（没有缺少的材料）</translation>
        </message>
        <message>
            <source>One-time notice</source>
            <translation>一次性告知</translation>
        </message>
        <message>
            <source>The notice will list these missing materials:
{listing}

Anything else the applicant must supply or correct (optional):</source>
            <translation>告知书将列明以下缺少的材料：
{listing}

申请人还需补充或补正的其他内容（可不填）：</translation>
        </message>
        <message>
            <source>Reason for the refusal (required; it is printed on the refusal notice with the applicant's appeal rights):</source>
            <translation>不予受理的理由（必填；将与申请人的救济权利一并印在不予受理通知书上）：</translation>
        </message>
        <message>
            <source>A refusal needs a reason. Nothing was recorded.</source>
            <translation>不予受理须填写理由。本次未作任何登记。</translation>
        </message>
    </context>
    <context>
        <name>ItemDetailView</name>
        <message>
            <source>The item in full</source>
            <translation>事项详情</translation>
        </message>
        <message>
            <source>Everyday &amp;names:</source>
            <translation>常用名(&amp;N)：</translation>
        </message>
        <message>
            <source>Everyday names</source>
            <translation>常用名</translation>
        </message>
        <message>
            <source>e.g. 低保、吃低保 (separate with 、)</source>
            <translation>如 低保、吃低保（用顿号分隔）</translation>
        </message>
        <message>
            <source>&amp;Save names</source>
            <translation>保存常用名(&amp;S)</translation>
        </message>
        <message>
            <source>Choose an item on the left to see it in full.</source>
            <translation>在左侧选择事项查看详情。</translation>
        </message>
        <message>
            <source>Instant case: done on the spot</source>
            <translation>即办件：当场办结</translation>
        </message>
        <message>
            <source>Statutory {statutory} working days, promised {promised} working days</source>
            <translation>法定{statutory}个工作日，承诺{promised}个工作日</translation>
        </message>
        <message>
            <source>Charged</source>
            <translation>收费</translation>
        </message>
        <message>
            <source>Free of charge</source>
            <translation>不收费</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>事项编码</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>原实施部门</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>事项类型</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>受理层级</translation>
        </message>
        <message>
            <source>Time limits</source>
            <translation>办理时限</translation>
        </message>
        <message>
            <source>Fee</source>
            <translation>收费</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>办理地点</translation>
        </message>
        <message>
            <source>Window</source>
            <translation>受理窗口</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>办理结果</translation>
        </message>
        <message>
            <source>Conditions</source>
            <translation>受理条件</translation>
        </message>
        <message>
            <source>Legal basis</source>
            <translation>设定依据</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Materials ({count})</source>
            <translation>申请材料（{count}项）</translation>
        </message>
        <message>
            <source>{copies} copy(ies)</source>
            <translation>{copies}份</translation>
        </message>
        <message>
            <source>optional</source>
            <translation>非必要</translation>
        </message>
        <message>
            <source>may be handed in later (容缺)</source>
            <translation>可容缺</translation>
        </message>
    </context>
    <context>
        <name>ItemPanel</name>
        <message>
            <source>2. Item and materials</source>
            <translation>2. 事项与材料</translation>
        </message>
        <message>
            <source>No item chosen yet: search on the left.</source>
            <translation>尚未选择事项：请在左侧搜索。</translation>
        </message>
        <message>
            <source>Item code</source>
            <translation>事项编码</translation>
        </message>
        <message>
            <source>Everyday names</source>
            <translation>常用名</translation>
        </message>
        <message>
            <source>Department</source>
            <translation>原实施部门</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>事项类型</translation>
        </message>
        <message>
            <source>Time limits</source>
            <translation>办理时限</translation>
        </message>
        <message>
            <source>Fee</source>
            <translation>收费</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>办理地点</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>办理结果</translation>
        </message>
        <message>
            <source>Conditions</source>
            <translation>受理条件</translation>
        </message>
        <message>
            <source>Legal basis</source>
            <translation>设定依据</translation>
        </message>
        <message>
            <source>:</source>
            <translation>：</translation>
        </message>
        <message>
            <source>Materials checklist</source>
            <translation>申请材料清单</translation>
        </message>
        <message>
            <source>&amp;All received</source>
            <translation>全部收取(&amp;A)</translation>
        </message>
        <message>
            <source>Mark every material received</source>
            <translation>将所有材料标记为已收取</translation>
        </message>
        <message>
            <source>Alt+A: every material received</source>
            <translation>Alt+A：全部材料已收取</translation>
        </message>
        <message>
            <source>Result given on the spot:</source>
            <translation>当场办结结果：</translation>
        </message>
        <message>
            <source>Result given on the spot</source>
            <translation>当场办结结果</translation>
        </message>
        <message>
            <source>Instant case: done on the spot</source>
            <translation>即办件：当场办结</translation>
        </message>
        <message>
            <source>Statutory {statutory} working days, promised {promised} working days</source>
            <translation>法定 {statutory} 个工作日，承诺 {promised} 个工作日</translation>
        </message>
        <message>
            <source>Charged</source>
            <translation>收费</translation>
        </message>
        <message>
            <source>Free of charge</source>
            <translation>不收费</translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
        <message>
            <source>receive: {names}</source>
            <translation>收取：{names}</translation>
        </message>
        <message>
            <source>receive or tolerate: {names}</source>
            <translation>收取或容缺：{names}</translation>
        </message>
        <message>
            <source>a date after today for tolerated: {names}</source>
            <translation>容缺材料须填今天之后的补交日期：{names}</translation>
        </message>
        <message>
            <source>{received} of {total} received</source>
            <translation>已收取 {received}/{total} 项</translation>
        </message>
        <message>
            <source>, {tolerated} tolerated</source>
            <translation>，容缺 {tolerated} 项</translation>
        </message>
        <message>
            <source>This item needs no materials.</source>
            <translation>该事项无需申请材料。</translation>
        </message>
    </context>
    <context>
        <name>LockDialog</name>
        <message>
            <source>Locked — townclerk</source>
            <translation>已锁定 — townclerk</translation>
        </message>
        <message>
            <source>The window is locked</source>
            <translation>窗口已锁定</translation>
        </message>
        <message>
            <source>{name} ({role}). Enter your password to carry on where you left off.</source>
            <translation>{name}（{role}）。输入密码后继续刚才的工作。</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>密码</translation>
        </message>
        <message>
            <source>&amp;Switch user…</source>
            <translation>切换用户(&amp;S)…</translation>
        </message>
        <message>
            <source>Log in as another user</source>
            <translation>以其他用户身份登录</translation>
        </message>
        <message>
            <source>Unlock</source>
            <translation>解锁</translation>
        </message>
        <message>
            <source>Enter your password.</source>
            <translation>请输入密码。</translation>
        </message>
    </context>
    <context>
        <name>LoginDialog</name>
        <message>
            <source>Log in — townclerk</source>
            <translation>登录 — townclerk</translation>
        </message>
        <message>
            <source>Comprehensive window intake</source>
            <translation>综合窗口受理系统</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>用户名</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>密码</translation>
        </message>
        <message>
            <source>Window</source>
            <translation>窗口</translation>
        </message>
        <message>
            <source>(not at a window)</source>
            <translation>（不在窗口）</translation>
        </message>
        <message>
            <source>&amp;User name:</source>
            <translation>用户名(&amp;U)：</translation>
        </message>
        <message>
            <source>&amp;Password:</source>
            <translation>密码(&amp;P)：</translation>
        </message>
        <message>
            <source>&amp;Window:</source>
            <translation>窗口(&amp;W)：</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Log in</source>
            <translation>登录</translation>
        </message>
        <message>
            <source>Enter your user name.</source>
            <translation>请输入用户名。</translation>
        </message>
        <message>
            <source>Enter your password.</source>
            <translation>请输入密码。</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>正在验证…</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Pages</source>
            <translation>页面</translation>
        </message>
        <message>
            <source>Your role has no pages in this program.</source>
            <translation>您的角色在本程序中没有可用的页面。</translation>
        </message>
        <message>
            <source>Locked</source>
            <translation>已锁定</translation>
        </message>
        <message>
            <source>&amp;System</source>
            <translation>系统(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Switch user…</source>
            <translation>切换用户(&amp;U)…</translation>
        </message>
        <message>
            <source>&amp;Lock the window</source>
            <translation>锁定窗口(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;About townclerk</source>
            <translation>关于 townclerk(&amp;A)</translation>
        </message>
        <message>
            <source>Clerk: {name} ({role})</source>
            <translation>工作人员：{name}（{role}）</translation>
        </message>
        <message>
            <source>Window: {window}</source>
            <translation>窗口：{window}</translation>
        </message>
        <message>
            <source>Not at a window</source>
            <translation>未指定窗口</translation>
        </message>
        <message>
            <source>{center} — townclerk</source>
            <translation>{center} — townclerk</translation>
        </message>
        <message>
            <source>About townclerk</source>
            <translation>关于 townclerk</translation>
        </message>
        <message>
            <source>townclerk {version}
Intake at the comprehensive window of a township service center.
Data: {url}</source>
            <translation>townclerk {version}
乡镇为民服务中心综合窗口受理系统。
数据库：{url}</translation>
        </message>
        <message>
            <source>Backing up before closing…</source>
            <translation>正在备份，完成后关闭…</translation>
        </message>
    </context>
    <context>
        <name>MaterialChecklistModel</name>
        <message>
            <source>Received</source>
            <translation>收取</translation>
        </message>
        <message>
            <source>Required</source>
            <translation>必要</translation>
        </message>
        <message>
            <source>Material</source>
            <translation>材料名称</translation>
        </message>
        <message>
            <source>Form and copies</source>
            <translation>形式及份数</translation>
        </message>
        <message>
            <source>Tolerated</source>
            <translation>容缺</translation>
        </message>
        <message>
            <source>Promised by</source>
            <translation>承诺补交日期</translation>
        </message>
        <message>
            <source>Optional</source>
            <translation>非必要</translation>
        </message>
        <message>
            <source>{form} × {copies}</source>
            <translation>{form} {copies}份</translation>
        </message>
    </context>
    <context>
        <name>MonthGrid</name>
        <message>
            <source>Mon</source>
            <translation>一</translation>
        </message>
        <message>
            <source>Tue</source>
            <translation>二</translation>
        </message>
        <message>
            <source>Wed</source>
            <translation>三</translation>
        </message>
        <message>
            <source>Thu</source>
            <translation>四</translation>
        </message>
        <message>
            <source>Fri</source>
            <translation>五</translation>
        </message>
        <message>
            <source>Sat</source>
            <translation>六</translation>
        </message>
        <message>
            <source>Sun</source>
            <translation>日</translation>
        </message>
        <message>
            <source>{year}-{month:02d}</source>
            <translation>{year}年{month}月</translation>
        </message>
        <message>
            <source>working day</source>
            <translation>工作日</translation>
        </message>
        <message>
            <source>day off</source>
            <translation>休息日</translation>
        </message>
        <message>
            <source>{date} {weekday}: {state}</source>
            <translation>{date} {weekday}：{state}</translation>
        </message>
        <message>
            <source>Weekend working day (make-up day)</source>
            <translation>周末调休上班</translation>
        </message>
        <message>
            <source>Set by an administrator (officially: {state})</source>
            <translation>管理员调整（官方日历：{state}）</translation>
        </message>
        <message>
            <source>W</source>
            <translation>班</translation>
        </message>
        <message>
            <source>H</source>
            <translation>休</translation>
        </message>
    </context>
    <context>
        <name>Pages</name>
        <message>
            <source>Intake</source>
            <translation>受理</translation>
        </message>
        <message>
            <source>Cases</source>
            <translation>办件查询</translation>
        </message>
        <message>
            <source>Dashboard</source>
            <translation>统计报表</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>系统设置</translation>
        </message>
        <message>
            <source>Catalog</source>
            <translation>事项目录</translation>
        </message>
        <message>
            <source>Items</source>
            <translation>事项查询</translation>
        </message>
    </context>
    <context>
        <name>PrintPreviewDialog</name>
        <message>
            <source>Print preview — {title}</source>
            <translation>打印预览 — {title}</translation>
        </message>
        <message>
            <source>Document pages</source>
            <translation>文书页面</translation>
        </message>
        <message>
            <source>Archived at {path}</source>
            <translation>存档位置：{path}</translation>
        </message>
        <message>
            <source>&amp;Print…</source>
            <translation>打印(&amp;P)…</translation>
        </message>
        <message>
            <source>Print</source>
            <translation>打印</translation>
        </message>
        <message>
            <source>Print the document (Ctrl+P)</source>
            <translation>打印本文书（Ctrl+P）</translation>
        </message>
        <message>
            <source>&amp;Save as PDF…</source>
            <translation>另存为 PDF(&amp;S)…</translation>
        </message>
        <message>
            <source>Save as PDF</source>
            <translation>另存为 PDF</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Page {current} of {total}</source>
            <translation>第 {current} 页，共 {total} 页</translation>
        </message>
        <message>
            <source>the file does not exist</source>
            <translation>文件不存在</translation>
        </message>
        <message>
            <source>the file is not a valid PDF</source>
            <translation>文件不是有效的 PDF 文件</translation>
        </message>
        <message>
            <source>the file is protected by a password</source>
            <translation>文件设有密码保护</translation>
        </message>
        <message>
            <source>the file could not be read</source>
            <translation>文件无法读取</translation>
        </message>
        <message>
            <source>Cannot show the document {path}: {reason}.</source>
            <translation>无法显示文书 {path}：{reason}。</translation>
        </message>
        <message>
            <source>No pages</source>
            <translation>没有页面</translation>
        </message>
        <message>
            <source>No printer installed</source>
            <translation>未安装打印机</translation>
        </message>
        <message>
            <source>No printer is installed on this computer, so the document cannot be printed here.

It is already saved and archived at:
{path}

Print it later from the case list, or copy it with “Save as PDF” and print it on another computer.</source>
            <translation>本机未安装打印机，无法在这里打印。

文书已保存并存档在：
{path}

可在安装打印机后从办件列表补打，或用“另存为 PDF”复制出来，到其他电脑上打印。</translation>
        </message>
        <message>
            <source>Nothing to print</source>
            <translation>没有可打印的页面</translation>
        </message>
        <message>
            <source>The chosen pages are not in this document (it has {total} pages).</source>
            <translation>所选页码不在本文书范围内（本文书共 {total} 页）。</translation>
        </message>
        <message>
            <source>Print {title}</source>
            <translation>打印 {title}</translation>
        </message>
        <message>
            <source>Printing</source>
            <translation>正在打印</translation>
        </message>
        <message>
            <source>Sending the document to the printer…</source>
            <translation>正在发送到打印机…</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Printing page {page} of {total}…</source>
            <translation>正在打印第 {page} 页，共 {total} 页…</translation>
        </message>
        <message>
            <source>The document could not be printed on “{printer}”. Check that the printer is on and has paper, then try again.

The document stays archived at:
{path}</source>
            <translation>文书未能在“{printer}”上打印。请检查打印机是否开机、是否有纸，然后重试。

文书仍存档在：
{path}</translation>
        </message>
        <message>
            <source>The archived document {path} is no longer there, so it cannot be printed. Print it again from the case list.</source>
            <translation>存档文书 {path} 已不存在，无法打印。请从办件列表重新打印。</translation>
        </message>
        <message>
            <source>Printing failed</source>
            <translation>打印失败</translation>
        </message>
        <message>
            <source>Save a copy as PDF</source>
            <translation>另存为 PDF</translation>
        </message>
        <message>
            <source>PDF documents (*.pdf)</source>
            <translation>PDF 文件 (*.pdf)</translation>
        </message>
        <message>
            <source>That is the archived file itself: it is already saved at {path}</source>
            <translation>所选文件就是存档文件本身，已保存在 {path}</translation>
        </message>
        <message>
            <source>Saved a copy at {copy} (archived at {path})</source>
            <translation>已另存一份到 {copy}（存档位置：{path}）</translation>
        </message>
        <message>
            <source>Cannot save the PDF</source>
            <translation>无法保存 PDF</translation>
        </message>
        <message>
            <source>The PDF could not be saved to {path}: {reason}.</source>
            <translation>PDF 未能保存到 {path}：{reason}。</translation>
        </message>
        <message>
            <source>the disk is full</source>
            <translation>磁盘空间已满</translation>
        </message>
        <message>
            <source>you may not write there (read-only or no permission)</source>
            <translation>没有写入权限（只读或无权限）</translation>
        </message>
        <message>
            <source>the folder does not exist</source>
            <translation>文件夹不存在</translation>
        </message>
        <message>
            <source>a folder of that name is already there</source>
            <translation>已有同名文件夹</translation>
        </message>
        <message>
            <source>the system reported “{error}”</source>
            <translation>系统提示“{error}”</translation>
        </message>
    </context>
    <context>
        <name>QFileDialog</name>
        <message>
            <source>&amp;Look in:</source>
            <translation>查找范围(&amp;L)：</translation>
        </message>
        <message>
            <source>Files of &amp;type:</source>
            <translation>文件类型(&amp;T)：</translation>
        </message>
    </context>
    <context>
        <name>QPrintSettingsOutput</name>
        <message>
            <source>Page &amp;Set:</source>
            <translation>页面组(&amp;S)：</translation>
        </message>
    </context>
    <context>
        <name>RangeBar</name>
        <message>
            <source>First day to mark</source>
            <translation>要标记的第一天</translation>
        </message>
        <message>
            <source>Last day to mark</source>
            <translation>要标记的最后一天</translation>
        </message>
        <message>
            <source>Reason for the selected days</source>
            <translation>所选日期的原因</translation>
        </message>
        <message>
            <source>Reason, e.g. county notice of 2027-11-20</source>
            <translation>原因，如县政府2027年11月20日通知</translation>
        </message>
        <message>
            <source>休 &amp;Day off</source>
            <translation>休 放假(&amp;D)</translation>
        </message>
        <message>
            <source>班 &amp;Working day</source>
            <translation>班 上班(&amp;W)</translation>
        </message>
        <message>
            <source>As &amp;official</source>
            <translation>恢复官方(&amp;O)</translation>
        </message>
        <message>
            <source>Select days on the calendar (Shift extends):</source>
            <translation>在日历上选择日期（按住Shift扩展）：</translation>
        </message>
        <message>
            <source>{count} day(s) selected:</source>
            <translation>已选{count}天：</translation>
        </message>
    </context>
    <context>
        <name>ReasonDialog</name>
        <message>
            <source>Please fill in: {what}</source>
            <translation>请填写：{what}</translation>
        </message>
    </context>
    <context>
        <name>ReportExportPanel</name>
        <message>
            <source>Export to Excel</source>
            <translation>导出 Excel 报表</translation>
        </message>
        <message>
            <source>Open &amp;folder</source>
            <translation>打开所在文件夹(&amp;F)</translation>
        </message>
        <message>
            <source>The figures of one day, by item, department, window, clerk, channel and village</source>
            <translation>一天的统计，按事项、实施部门、窗口、经办人、渠道、村（社区）分列</translation>
        </message>
        <message>
            <source>The figures of any period (a week, a month…), with a sheet by day and charts</source>
            <translation>任意期间（一周、一月……）的统计，含按日统计和图表</translation>
        </message>
        <message>
            <source>One row for every case registered in the period</source>
            <translation>期间内登记的每一件办件，一件一行</translation>
        </message>
        <message>
            <source>Open cases overdue or due soon, as of the export</source>
            <translation>导出时已超期和即将到期的在办件</translation>
        </message>
        <message>
            <source>Day of the daily report</source>
            <translation>日报日期</translation>
        </message>
        <message>
            <source>First day of the report</source>
            <translation>统计报表开始日期</translation>
        </message>
        <message>
            <source>Last day of the report</source>
            <translation>统计报表结束日期</translation>
        </message>
        <message>
            <source>First day of the ledger</source>
            <translation>办件台账开始日期</translation>
        </message>
        <message>
            <source>Last day of the ledger</source>
            <translation>办件台账结束日期</translation>
        </message>
        <message>
            <source>Full ID numbers and phones (audited)</source>
            <translation>含完整证件号码和电话（记入审计日志）</translation>
        </message>
        <message>
            <source>Without this box, ID numbers and phones are masked (320324********1234, 138****5678). A full export is written to the audit log.</source>
            <translation>不勾选时，证件号码和电话部分隐藏（如 320324********1234、138****5678）；导出完整信息会记入审计日志。</translation>
        </message>
        <message>
            <source>to</source>
            <translation>至</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation>导出…</translation>
        </message>
        <message>
            <source>Export {report}</source>
            <translation>导出{report}</translation>
        </message>
        <message>
            <source>Daily report</source>
            <translation>日报</translation>
        </message>
        <message>
            <source>Statistics report</source>
            <translation>统计报表</translation>
        </message>
        <message>
            <source>Case ledger</source>
            <translation>办件台账</translation>
        </message>
        <message>
            <source>Deadline warnings</source>
            <translation>超期预警清单</translation>
        </message>
        <message>
            <source>Daily report {date}</source>
            <translation>日报{date}</translation>
        </message>
        <message>
            <source>Statistics report {first} to {last}</source>
            <translation>统计报表{first}至{last}</translation>
        </message>
        <message>
            <source>Case ledger {first} to {last}</source>
            <translation>办件台账{first}至{last}</translation>
        </message>
        <message>
            <source>Deadline warnings {date}</source>
            <translation>超期预警清单{date}</translation>
        </message>
        <message>
            <source>Save the {report}</source>
            <translation>保存{report}</translation>
        </message>
        <message>
            <source>Exporting</source>
            <translation>正在导出</translation>
        </message>
        <message>
            <source>Writing the {report}…</source>
            <translation>正在生成{report}…</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Writing the {report}: {count} case(s) so far…</source>
            <translation>正在生成{report}：已写入 {count} 件…</translation>
        </message>
        <message>
            <source>{report} saved ({count} case(s)): {path}</source>
            <translation>已保存{report}（{count}件）：{path}</translation>
        </message>
        <message>
            <source>{report} saved: {path}</source>
            <translation>已保存{report}：{path}</translation>
        </message>
        <message>
            <source>The {report} was cancelled; {path} was not written.</source>
            <translation>已取消导出{report}，未写入 {path}。</translation>
        </message>
        <message>
            <source>Could not open the folder {folder}</source>
            <translation>无法打开文件夹 {folder}</translation>
        </message>
    </context>
    <context>
        <name>ResetPasswordDialog</name>
        <message>
            <source>Reset password</source>
            <translation>重置密码</translation>
        </message>
        <message>
            <source>Set a new password for {name} ({username}). Tell it to the user in person; a lockout is lifted.</source>
            <translation>为 {name}（{username}）设置新密码。请当面告知本人；账户锁定将同时解除。</translation>
        </message>
        <message>
            <source>New password</source>
            <translation>新密码</translation>
        </message>
        <message>
            <source>Repeat password</source>
            <translation>再次输入</translation>
        </message>
        <message>
            <source>Set password</source>
            <translation>设置密码</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>The two passwords differ</source>
            <translation>两次输入的密码不一致</translation>
        </message>
    </context>
    <context>
        <name>ResultBanner</name>
        <message>
            <source>Ready for the next resident.</source>
            <translation>请接待下一位群众。</translation>
        </message>
        <message>
            <source>&amp;Print the document</source>
            <translation>打印文书(&amp;P)</translation>
        </message>
        <message>
            <source>Print the document</source>
            <translation>打印文书</translation>
        </message>
        <message>
            <source>Accepted and completed on the spot</source>
            <translation>已受理并当场办结</translation>
        </message>
        <message>
            <source>Result: {result}</source>
            <translation>办理结果：{result}</translation>
        </message>
        <message>
            <source>Accepted</source>
            <translation>已受理</translation>
        </message>
        <message>
            <source>Promised completion by {due} ({days} working days)</source>
            <translation>承诺办结日期 {due}（{days}个工作日）</translation>
        </message>
        <message>
            <source>. The official holidays of {years} are not published yet: this date counts weekends only and moves if holidays fall in the period</source>
            <translation>。{years}年国家法定节假日安排尚未公布，该日期暂按周末推算，如期间遇法定节假日将顺延</translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
        <message>
            <source>; tolerated: {names}</source>
            <translation>；容缺：{names}</translation>
        </message>
        <message>
            <source>{name} (by {date})</source>
            <translation>{name}（{date}）</translation>
        </message>
        <message>
            <source>One-time notice recorded</source>
            <translation>已一次性告知</translation>
        </message>
        <message>
            <source>Missing: {names}</source>
            <translation>缺少：{names}</translation>
        </message>
        <message>
            <source>; also: {text}</source>
            <translation>；另需：{text}</translation>
        </message>
        <message>
            <source>Refusal recorded</source>
            <translation>已不予受理</translation>
        </message>
        <message>
            <source>Reason: {reason}</source>
            <translation>理由：{reason}</translation>
        </message>
        <message>
            <source>{what}: No. {number}</source>
            <translation>{what}　编号 {number}</translation>
        </message>
        <message>
            <source>{applicant} · {item}. {detail}</source>
            <translation>{applicant} · {item}。{detail}</translation>
        </message>
    </context>
    <context>
        <name>ResultDelegate</name>
        <message>
            <source>Instant</source>
            <translation>即办</translation>
        </message>
    </context>
    <context>
        <name>SearchPanel</name>
        <message>
            <source>1. Find the item</source>
            <translation>1. 查找事项</translation>
        </message>
        <message>
            <source>Search the catalog</source>
            <translation>搜索事项目录</translation>
        </message>
        <message>
            <source>Name, pinyin initials or code (Ctrl+F)</source>
            <translation>事项名称、拼音首字母或编码（Ctrl+F）</translation>
        </message>
        <message>
            <source>Matching items</source>
            <translation>匹配的事项</translation>
        </message>
        <message>
            <source>Matching items: {count}</source>
            <translation>找到 {count} 个事项</translation>
        </message>
        <message>
            <source>No item matches “{text}”</source>
            <translation>没有与“{text}”匹配的事项</translation>
        </message>
        <message>
            <source>Most used at this window</source>
            <translation>本窗口常用事项</translation>
        </message>
    </context>
    <context>
        <name>SearchResultsModel</name>
        <message>
            <source>done on the spot</source>
            <translation>当场办结</translation>
        </message>
        <message>
            <source>promised {days} working days</source>
            <translation>承诺{days}个工作日</translation>
        </message>
        <message>
            <source> (instant)</source>
            <translation>（即办）</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>Center</source>
            <translation>中心信息</translation>
        </message>
        <message>
            <source>Windows</source>
            <translation>窗口</translation>
        </message>
        <message>
            <source>Villages</source>
            <translation>村（社区）</translation>
        </message>
        <message>
            <source>Users</source>
            <translation>用户</translation>
        </message>
        <message>
            <source>Working-day calendar</source>
            <translation>工作日历</translation>
        </message>
    </context>
    <context>
        <name>Startup</name>
        <message>
            <source>The database has no users yet. Create the first administrator once, in a terminal:

    townclerk init

(or “townclerk init --demo” for a training database with sample data).

Database: {url}</source>
            <translation>数据库中还没有用户。请先在命令行中运行一次下面的命令，创建第一个系统管理员：

    townclerk init

（如需带示例数据的培训数据库，请运行“townclerk init --demo”。）

数据库：{url}</translation>
        </message>
        <message>
            <source>townclerk cannot start</source>
            <translation>townclerk 无法启动</translation>
        </message>
    </context>
    <context>
        <name>SupplyMaterialDialog</name>
        <message>
            <source>Material supplied</source>
            <translation>补交材料</translation>
        </message>
        <message>
            <source>Record that the applicant has handed in this material.</source>
            <translation>记录申请人已补交以下材料。</translation>
        </message>
        <message>
            <source>Record as received</source>
            <translation>确认已收取</translation>
        </message>
        <message>
            <source>Material</source>
            <translation>材料</translation>
        </message>
        <message>
            <source>, promised by {date}</source>
            <translation>，承诺 {date} 前补交</translation>
        </message>
        <message>
            <source>{name} ({state}{promise})</source>
            <translation>{name}（{state}{promise}）</translation>
        </message>
        <message>
            <source>Every material of this case has been received</source>
            <translation>该办件的材料已全部收取</translation>
        </message>
    </context>
    <context>
        <name>TrendChart</name>
        <message>
            <source>Daily volume, last 30 days</source>
            <translation>近30天每日办件量</translation>
        </message>
        <message>
            <source>{days} days: {accepted} accepted, {completed} completed</source>
            <translation>{days}天：受理 {accepted} 件，办结 {completed} 件</translation>
        </message>
        <message>
            <source>No data yet</source>
            <translation>暂无数据</translation>
        </message>
        <message>
            <source>Daily volume, last 30 days (cases)</source>
            <translation>近30天每日办件量（件）</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>今天</translation>
        </message>
        <message>
            <source>{month}/{day}</source>
            <translation>{month}月{day}日</translation>
        </message>
        <message>
            <source>{day} (day off)</source>
            <translation>{day}（休息日）</translation>
        </message>
    </context>
    <context>
        <name>UsersEditor</name>
        <message>
            <source>Users</source>
            <translation>用户</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>用户名</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>角色</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Locked until</source>
            <translation>锁定至</translation>
        </message>
        <message>
            <source>Disable</source>
            <translation>停用</translation>
        </message>
        <message>
            <source>Reset password…</source>
            <translation>重置密码…</translation>
        </message>
        <message>
            <source>New user</source>
            <translation>新增用户</translation>
        </message>
        <message>
            <source>letters and digits, e.g. wangxy</source>
            <translation>字母和数字，如 wangxy</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>密码</translation>
        </message>
        <message>
            <source>Repeat password</source>
            <translation>再次输入</translation>
        </message>
        <message>
            <source>Add user</source>
            <translation>添加用户</translation>
        </message>
        <message>
            <source>Enabled</source>
            <translation>启用</translation>
        </message>
        <message>
            <source>Disabled</source>
            <translation>已停用</translation>
        </message>
        <message>
            <source>The two passwords differ</source>
            <translation>两次输入的密码不一致</translation>
        </message>
        <message>
            <source>User {username} ({role}) added.</source>
            <translation>用户 {username}（{role}）已添加。</translation>
        </message>
        <message>
            <source>{username} enabled.</source>
            <translation>用户 {username} 已启用。</translation>
        </message>
        <message>
            <source>{username} disabled.</source>
            <translation>用户 {username} 已停用。</translation>
        </message>
        <message>
            <source>Password of {username} reset.</source>
            <translation>用户 {username} 的密码已重置。</translation>
        </message>
        <message>
            <source>Enable</source>
            <translation>启用</translation>
        </message>
    </context>
    <context>
        <name>VillagesEditor</name>
        <message>
            <source>Village or community</source>
            <translation>村（社区）</translation>
        </message>
        <message>
            <source>Division code</source>
            <translation>区划代码</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>New village name</source>
            <translation>新村（社区）名称</translation>
        </message>
        <message>
            <source>New village or community</source>
            <translation>新村（社区）名称</translation>
        </message>
        <message>
            <source>Division code (12 digits, optional)</source>
            <translation>区划代码（12位，可不填）</translation>
        </message>
        <message>
            <source>12-digit code (optional)</source>
            <translation>12位区划代码（可不填）</translation>
        </message>
        <message>
            <source>Add village</source>
            <translation>添加村（社区）</translation>
        </message>
        <message>
            <source>Villages</source>
            <translation>村（社区）</translation>
        </message>
        <message>
            <source>{name} added.</source>
            <translation>“{name}”已添加。</translation>
        </message>
    </context>
    <context>
        <name>WindowsEditor</name>
        <message>
            <source>Window</source>
            <translation>窗口</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>New window name</source>
            <translation>新窗口名称</translation>
        </message>
        <message>
            <source>New window, e.g. 综合窗口三</source>
            <translation>新窗口名称，如 综合窗口三</translation>
        </message>
        <message>
            <source>Add window</source>
            <translation>添加窗口</translation>
        </message>
        <message>
            <source>Windows</source>
            <translation>窗口</translation>
        </message>
        <message>
            <source>Window {name} added.</source>
            <translation>窗口“{name}”已添加。</translation>
        </message>
    </context>
    <context>
        <name>YearCalendar</name>
        <message>
            <source>Working-day calendar</source>
            <translation>工作日历</translation>
        </message>
    </context>
    <context>
        <name>_NamedRowsEditor</name>
        <message>
            <source>Enabled</source>
            <translation>启用</translation>
        </message>
        <message>
            <source>Disabled</source>
            <translation>已停用</translation>
        </message>
        <message>
            <source>{name} enabled.</source>
            <translation>“{name}”已启用。</translation>
        </message>
        <message>
            <source>{name} disabled.</source>
            <translation>“{name}”已停用。</translation>
        </message>
        <message>
            <source>Enable</source>
            <translation>启用</translation>
        </message>
        <message>
            <source>Disable</source>
            <translation>停用</translation>
        </message>
    </context>
</TS>
